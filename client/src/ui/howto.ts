/**
 * "How to play": six short cards a newcomer reads in a minute or two. The guided first round
 * (tutorial.ts) then walks through the real screen.
 */
import { h } from "./dom";
import { iconSvg } from "./icons";

export const HOWTO_STEPS: { icon: string; title: string; text: string }[] = [
  {
    icon: "valley",
    title: "The world is an optimiser",
    text: "The economy climbs whatever it can measure: output and profit. What people care about, welfare, is only partly measured.",
  },
  {
    icon: "target",
    title: "Goodhart's law",
    text: "As AI grows stronger, the easiest gains come from harms nobody measures. The index keeps rising while welfare falls.",
  },
  {
    icon: "hazard",
    title: "Four basins",
    text: "Misuse, centralisation of power, Goodhart lock-in and AI takeover. Past its tipping point a basin pulls the world in. Reach 100 and everyone loses. Close calls and incidents warn you first; a government's emergency measure answers at once, at a price.",
  },
  {
    icon: "user",
    title: "Your role",
    text: "Governments, AI labs and companies. Each round: set your sliders, make up to two moves, then vote or lobby. Your own score is a proxy too.",
  },
  {
    icon: "brake",
    title: "Regulation is a regulariser",
    text: "Brakes slow the slide. Better measurement counts more kinds of harm, so firms pay for them; they push harm onto whatever is still not counted. Security theatre only looks safe.",
  },
  {
    icon: "clock",
    title: "A round",
    text: "News → Act → Legislate → Resolve. Press Ready when you are done; the phase ends when everyone is ready or the timer runs out.",
  },
];

export function openHowTo(onClose?: () => void): void {
  const close = () => {
    back.remove();
    document.removeEventListener("keydown", onKey);
    onClose?.();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") close();
  };
  const closeBtn = h(
    "button",
    { class: "btn primary", onclick: close, "data-testid": "howto-close" },
    "Got it",
  );
  const back = h(
    "div",
    { class: "modal-back", onclick: (e: Event) => e.target === back && close() },
    h(
      "div",
      {
        class: "card modal",
        role: "dialog",
        "aria-modal": "true",
        "aria-labelledby": "howto-title",
      },
      h("h2", { id: "howto-title" }, "How to play Attractor"),
      h(
        "div",
        { class: "steps" },
        HOWTO_STEPS.map((s, i) =>
          h(
            "div",
            { class: "step" },
            h("b", {}, iconSvg(s.icon), `${i + 1}. ${s.title}`),
            h("p", {}, s.text),
          ),
        ),
      ),
      h(
        "p",
        { class: "fineprint" },
        "In your first game a short guided tour points at each part of the screen. Every control has help: hover it, or focus it with the keyboard.",
      ),
      h("div", { class: "row" }, h("span", { class: "spacer" }), closeBtn),
    ),
  );
  document.body.append(back);
  document.addEventListener("keydown", onKey);
  closeBtn.focus();
}
