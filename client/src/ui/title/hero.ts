/**
 * The title screen's hero: the logo and name, what the game is about in two sentences, how to
 * play, and the three roles in a line each.
 */
import { h } from "../dom";
import { openHowTo } from "../howto";
import { iconSvg } from "../icons";

/** The title screen's first sentence (its reading grade is tested). */
export const TAGLINE =
  "The economy climbs whatever it can count, and AI makes it climb faster. Govern it before it falls into a trap it cannot leave.";

export function titleHero(): HTMLElement {
  return h(
    "section",
    { class: "hero" },
    h("img", { src: "/logo.svg", alt: "", class: "logo", width: 96, height: 96 }),
    h("h1", {}, "Attract", h("span", {}, "or")),
    h("p", { class: "tagline" }, TAGLINE),
    h(
      "div",
      { class: "row" },
      h(
        "button",
        { class: "btn", "data-testid": "how-to-play", onclick: () => openHowTo() },
        iconSvg("help"),
        "How to play",
      ),
      h(
        "span",
        { class: "fineprint" },
        "3–9 players · 20–60 minutes · solo, friends or a classroom",
      ),
    ),
    h(
      "div",
      { class: "pitch" },
      pitch(
        "government",
        "Governments",
        "pass laws: brakes, better statistics, or safety for show.",
      ),
      pitch(
        "lab",
        "AI labs",
        "race to build the strongest AI, or spend on safety and fall behind.",
      ),
      pitch("company", "Companies", "chase profit: the market rewards what it can count."),
    ),
  );
}

function pitch(icon: string, who: string, what: string): HTMLElement {
  return h("div", {}, h("b", {}, iconSvg(icon), who), what);
}
