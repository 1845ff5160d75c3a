/**
 * The title screen's hero: the logo and name, what the game is about in two sentences, how to
 * play, and the three roles in a line each.
 */
import { h } from "../dom";
import { openHowTo } from "../howto";
import { iconSvg } from "../icons";

export function titleHero(): HTMLElement {
  return h(
    "section",
    { class: "hero" },
    h("img", { src: "/logo.svg", alt: "", class: "logo", width: 96, height: 96 }),
    h("h1", {}, "Attract", h("span", {}, "or")),
    h(
      "p",
      { class: "tagline" },
      "The economy is an optimiser. It climbs what it can measure, and AI makes it climb faster. Govern it before it falls into a basin it cannot leave.",
    ),
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
        "pass regulation: brakes, better measurement, or theatre.",
      ),
      pitch("lab", "AI labs", "race for capability, or spend on safety and fall behind."),
      pitch("company", "Companies", "pull the levers the market pulls, for profit."),
    ),
  );
}

function pitch(icon: string, who: string, what: string): HTMLElement {
  return h("div", {}, h("b", {}, iconSvg(icon), who), what);
}
