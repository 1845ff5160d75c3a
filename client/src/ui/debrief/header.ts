/**
 * The debrief's opening card: the ending, the headline, the figures from start to end, and
 * the CSV, the saved record, back to the board and a new game.
 */
import type { Controller } from "../../app/controller";
import type { DebriefModel } from "../../model/debrief";
import { indexText } from "../../model/scale";
import { h } from "../dom";
import { iconSvg } from "../icons";
import { stat } from "../stat";

export function debriefHeader(m: DebriefModel, c: Controller): HTMLElement {
  return h(
    "header",
    { class: "card" },
    h("p", { class: "fineprint" }, "Debrief · the whole truth, revealed"),
    h(
      "h1",
      {
        class: `ending ${m.catastrophe || m.ending === "dystopia" ? "bad" : "good"}`,
        "data-testid": "ending",
      },
      m.endingLabel,
    ),
    h("p", { style: "font-size:1.1rem" }, m.headline),
    h("p", { class: "fineprint" }, "Well-being and the economy score: start of the game = 100."),
    h(
      "div",
      { class: "stats", style: "grid-template-columns:repeat(auto-fit,minmax(150px,1fr))" },
      stat("True well-being at the end", indexText(m.welfareEnd), undefined, {
        term: "trueWelfare",
        id: "true-welfare",
      }),
      m.catastrophe
        ? stat("Counted as (a collapse)", indexText(m.welfareCounted), undefined, {
            term: "trueWelfare",
            id: "welfare-counted",
          })
        : null,
      stat("Economy score at the end", indexText(m.proxyEnd), undefined, {
        term: "economicIndex",
        id: "proxy-end",
      }),
      stat("Rounds played", String(m.rounds)),
    ),
    h(
      "div",
      { class: "row", style: "margin-top:10px" },
      h(
        "a",
        { class: "btn", href: m.csvUrl, download: "", "data-testid": "csv" },
        iconSvg("download"),
        "Rounds as CSV",
      ),
      h(
        "a",
        { class: "btn", href: m.decisionsUrl, download: "", "data-testid": "decisions-csv" },
        iconSvg("download"),
        "Decisions as CSV",
      ),
      h(
        "a",
        {
          class: "btn ghost",
          href: m.recordUrl,
          target: "_blank",
          rel: "noopener",
          "data-testid": "record",
        },
        iconSvg("link"),
        "Saved game record",
      ),
      h("button", { class: "btn ghost", onclick: () => c.showDebrief(false) }, "Back to the board"),
      h(
        "button",
        { class: "btn primary", "data-testid": "new-game", onclick: () => c.leave() },
        iconSvg("play"),
        "New game",
      ),
    ),
  );
}
