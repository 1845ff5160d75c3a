/**
 * The seat's dashboard: who you are (name, role, bloc, moves left) and your figures, above the
 * strategy sliders and the moves. A spectator sees a note instead.
 */
import { ROLE_LABEL } from "../../../../shared/vocabulary";
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { statsOf } from "../../model/dashboard";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { stat } from "../stat";
import { MovesPanel } from "./moves";
import { StrategyPanel } from "./strategy";

export class Dashboard {
  readonly el = h("section", {
    class: "panel area-you",
    "aria-labelledby": "you-title",
    "data-tut": "you",
  });
  private readonly head = h("div");
  private readonly stats = h("div");
  private readonly strategy: StrategyPanel;
  private readonly moves: MovesPanel;

  constructor(c: Controller) {
    this.strategy = new StrategyPanel(c);
    this.moves = new MovesPanel(c);
    this.el.append(this.head, this.stats, this.strategy.el, this.moves.el);
  }

  update(s: AppState): void {
    const view = s.view?.seat ?? null;
    const pub = s.view?.public;
    if (!view || !pub) {
      renderIf(this.head, "spectator", () => [
        h("h2", { id: "you-title" }, iconSvg("user"), "Spectator"),
        h(
          "p",
          {},
          "You are watching this game. Everyone at the table sees the same public view as you: the landscape, the index, the laws and the news.",
        ),
      ]);
      return;
    }
    const seatName = pub.seats.find((x) => x.id === view.seat)?.name ?? view.seat;
    renderIf(this.head, JSON.stringify([view.seat, view.movesLeft, pub.phase]), () => [
      h("h2", { id: "you-title" }, iconSvg(view.self.role), "You"),
      h(
        "div",
        { class: "row", style: "margin-bottom:8px" },
        h(
          "strong",
          { style: "font-family:var(--display);font-size:1.15rem", "data-testid": "my-seat-name" },
          seatName,
        ),
        h("span", { class: `tag role-${view.self.role}` }, ROLE_LABEL[view.self.role]),
        h("span", { class: "tag" }, pub.blocs[view.self.bloc]?.name ?? ""),
        h(
          "span",
          {
            class: "tag",
            "data-testid": "moves-left",
            title: "Each round you can make up to two moves.",
          },
          `${view.movesLeft} move${view.movesLeft === 1 ? "" : "s"} left`,
        ),
      ),
    ]);
    renderIf(this.stats, JSON.stringify(statsOf(view)), () => [
      h(
        "div",
        { class: "stats" },
        statsOf(view).map((st) => stat(st.label, st.value, st.help, { term: st.term, id: st.id })),
      ),
    ]);
    this.strategy.update(view);
    this.moves.update(view);
  }
}
