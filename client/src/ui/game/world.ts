/**
 * The game screen's centre: the optimisation landscape (the Phaser scene, loaded on demand),
 * its summary in words, the basin buttons and the card about the basin hovered or chosen.
 */
import type { AppState } from "../../app/store";
import { BASIN_CENTRES, buildLandscape, type LandscapeModel } from "../../model/landscape";
import type { LandscapeHandle, Region } from "../../scene/landscape";
import { h, renderIf } from "../dom";
import { glossed, term } from "../term";
import { basinButtons, basinButtonsKey, basinCard } from "./basins";

export class WorldView {
  readonly el: HTMLElement;
  private readonly canvasBox = h(
    "div",
    { id: "landscape", "aria-hidden": "true" },
    h("div", { class: "landscape-fallback" }, "Drawing the landscape…"),
  );
  private readonly summary = h("div", {
    class: "world-summary",
    role: "note",
    "data-testid": "world-summary",
  });
  private readonly basinInfo = h("div", {
    class: "card basin-info",
    hidden: true,
    role: "region",
    "aria-live": "polite",
    "aria-label": "About this trap",
  });
  private readonly basins = h("div", {
    class: "basins",
    role: "group",
    "aria-label":
      "The traps on the map, with their published risk: select one to learn what drives it",
  });
  private landscape: LandscapeHandle | null = null;
  private lastModel: LandscapeModel | null = null;
  private selected: Region = null;
  /** The region under the pointer: hovering previews it, a click or tap pins it. */
  private hovered: Region = null;
  private destroyed = false;

  constructor() {
    this.el = h(
      "section",
      { class: "panel area-world", "aria-label": "The map of the economy" },
      // The summary takes a row of its own above the map: it never covers the map's content.
      this.summary,
      h("div", { class: "world-map" }, this.canvasBox, this.basinInfo),
      this.basins,
    );
  }

  /** Loads Phaser and draws the scene (call once the DOM is on screen). */
  loadScene(): void {
    void import("../../scene/landscape").then(({ createLandscape }) => {
      if (this.destroyed) return;
      this.canvasBox.replaceChildren();
      this.landscape = createLandscape(this.canvasBox, (region, click) =>
        this.pointAt(region, click),
      );
      if (this.lastModel) this.landscape.update(this.lastModel, false);
    });
  }

  update(s: AppState): void {
    const pub = s.view?.public;
    if (!pub) return;
    const model = buildLandscape(
      pub,
      s.riskTrail.filter((r) => r.round <= pub.round).map((r) => r.risks),
    );
    const last = this.lastModel;
    const moved = !last || last.marker.x !== model.marker.x || last.marker.y !== model.marker.y;
    const changed = !last || JSON.stringify(last) !== JSON.stringify(model);
    if (changed) {
      this.landscape?.update(model, moved && last !== null);
      this.lastModel = model;
      this.summary.replaceChildren(...glossed(model.summary));
      this.renderButtons(model);
      this.renderCard();
    }
  }

  animating(): boolean {
    return this.landscape?.animating() ?? false;
  }

  /** The incidents the map marks now (empty until Phaser has drawn). */
  incidents(): string[] {
    return this.landscape?.incidents() ?? [];
  }

  destroy(): void {
    this.destroyed = true;
    this.landscape?.destroy();
  }

  /** The scene's pointer: a hover previews a basin, a click or tap selects a region. */
  private pointAt(region: Region, click: boolean): void {
    if (click) this.select(region);
    else {
      // Hovering previews a basin (the wide valley would cover the map with its card).
      const basin = region === "valley" ? null : region;
      if (basin !== this.hovered) {
        this.hovered = basin;
        this.renderCard();
      }
    }
    this.canvasBox.style.cursor = region ? "pointer" : "default";
  }

  private select(r: Region): void {
    this.selected = r;
    this.renderCard();
    if (this.lastModel) this.renderButtons(this.lastModel);
  }

  private renderButtons(model: LandscapeModel): void {
    renderIf(this.basins, basinButtonsKey(model, this.selected), () => [
      h(
        "span",
        { class: "fineprint basins-key", "data-testid": "basins-key" },
        term("publishedRisk", "Published risk"),
        // On a laptop the map needs the row: the term's explanation says the same.
        h("span", { class: "basins-key-more" }, " (average of all governments)"),
        ":",
      ),
      ...basinButtons(model, this.selected, (r) => this.select(r)),
    ]);
  }

  private renderCard(): void {
    const model = this.lastModel;
    const shown = this.hovered ?? this.selected;
    if (!shown || !model) {
      this.basinInfo.hidden = true;
      return;
    }
    this.basinInfo.hidden = false;
    // The card lies on the side away from the trap it is about, so that trap stays in sight.
    const left = shown !== "valley" && BASIN_CENTRES[shown].x < 0;
    this.basinInfo.dataset.side = left ? "right" : "left";
    // A hover preview lies over the map: it must not take the pointer from the map (that would
    // end the hover that shows it). A card pinned by a click or tap takes the pointer.
    this.basinInfo.style.pointerEvents =
      this.hovered !== null && this.hovered !== this.selected ? "none" : "auto";
    this.basinInfo.replaceChildren(...basinCard(model, shown, () => this.select(null)));
  }
}
