/**
 * The title screen's choice of difficulty for a solo game: a toggle button per level with what
 * the bots are like and its measured odds for the role chosen (they change with the role).
 */
import type { Difficulty, DifficultyOdds } from "../../../../shared/difficulty";
import type { Role } from "../../../../shared/vocabulary";
import { DEFAULT_DIFFICULTY, difficultyChoices } from "../../model/difficulty";
import { h } from "../dom";

export interface DifficultyPicker {
  readonly el: HTMLElement;
  readonly difficulty: () => Difficulty;
  /** Shows the odds for a player in this role. */
  setRole(role: Role): void;
}

export function difficultyPicker(odds: DifficultyOdds | null, role: Role): DifficultyPicker {
  let chosen: Difficulty = DEFAULT_DIFFICULTY;
  const el = h("div", {
    class: "difficulties",
    role: "group",
    "aria-label": "Difficulty of a solo game",
  });
  const render = (forRole: Role) => {
    el.replaceChildren(
      ...difficultyChoices(odds, forRole).map((d) =>
        h(
          "button",
          {
            class: "btn difficulty",
            type: "button",
            "aria-pressed": d.id === chosen ? "true" : "false",
            title: d.detail,
            "data-testid": `difficulty-${d.id}`,
            onclick: () => {
              chosen = d.id;
              for (const b of el.querySelectorAll("button"))
                b.setAttribute("aria-pressed", b === clicked(d.id) ? "true" : "false");
            },
          },
          h("span", { class: "difficulty-name" }, d.name),
          h(
            "span",
            { class: "difficulty-odds", "data-testid": `difficulty-odds-${d.id}` },
            d.odds ?? "odds not measured yet",
          ),
          h("span", { class: "difficulty-about" }, d.description),
          h("span", { class: "sr-only" }, d.detail),
        ),
      ),
    );
  };
  const clicked = (id: Difficulty) => el.querySelector(`[data-testid=difficulty-${id}]`);
  render(role);
  return { el, difficulty: () => chosen, setRole: render };
}
