/**
 * The spectator's layout (the projector on the wall): no dashboard and no "You" tab, a big
 * landscape, the news open, and a badge with the join code for anyone who wants to join.
 */
import type { AppState } from "../../app/store";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import type { GameTabs } from "./tabs";

export class SpectatorLayout {
  private on: boolean | null = null;

  /** `badge` is the top bar's "watching" element. */
  constructor(
    private readonly screen: HTMLElement,
    private readonly tabs: GameTabs,
    private readonly badge: HTMLElement,
  ) {}

  /** A state without a seat is a spectator's. */
  update(s: AppState): void {
    this.set(!s.view?.seat);
    const t = s.table;
    this.badge.hidden = !this.on || !t;
    if (this.on && t) {
      renderIf(this.badge, t.code, () => [
        iconSvg("eye", 16),
        h("span", { class: "long" }, "Watching · join with code"),
        h("b", { class: "code" }, t.code),
      ]);
    }
  }

  private set(on: boolean): void {
    if (this.on === on) return;
    this.on = on;
    this.screen.toggleAttribute("data-spectator", on);
    this.tabs.hideYou(on);
    if (on) {
      this.tabs.setSide("news");
      if (this.tabs.mobile === "you") this.tabs.setMobile("world");
    }
  }
}
