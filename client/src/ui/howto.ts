/**
 * "How to play": six short cards a newcomer reads in a minute or two. The guided first round
 * (tutorial.ts) then walks through the real screen.
 */
import { h } from "./dom";
import { iconSvg } from "./icons";
import { glossed } from "./term";

export const HOWTO_STEPS: { icon: string; title: string; text: string }[] = [
  {
    icon: "valley",
    title: "The economy chases numbers",
    text: "The economy climbs whatever it can count: output and profit. What people care about is how well they live. Only part of that gets counted.",
  },
  {
    icon: "target",
    title: "Goodhart's law",
    text: "When a number becomes the target, it stops being a good measure. As AI gets stronger, the easy gains come from harms nobody counts. The economy score keeps rising while life gets worse.",
  },
  {
    icon: "hazard",
    title: "Four traps",
    text: "Misuse, a power grab, the numbers trap and AI takeover. Past its tipping point a trap pulls the world in. If a risk hits 100, everyone loses. Close calls warn you first. A government can act fast in an emergency, at a price.",
  },
  {
    icon: "user",
    title: "Your role",
    text: "Play a government, an AI lab or a company. Each round, set your sliders, make up to two moves, then vote or lobby. You earn points, but points are a stand-in too: they are not how well people live.",
  },
  {
    icon: "brake",
    title: "Laws are brakes",
    text: "Brakes slow the slide into a trap. Better statistics count more kinds of harm, so firms must pay for them. Firms then push harm onto whatever is still not counted. Fake safety checks only look safe.",
  },
  {
    icon: "clock",
    title: "A round",
    text: "News, then Act, then Legislate (the vote), then Resolve (the year plays out). Press Ready when you are done. The phase ends when everyone is ready or the clock runs out.",
  },
];

/** The line under the cards. */
export const HOWTO_NOTE =
  "In your first game, a short tour points at each part of the screen. Words with a dotted line explain themselves: hover, tap or tab to them.";

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
            h("p", {}, ...glossed(s.text)),
          ),
        ),
      ),
      h("p", { class: "fineprint" }, HOWTO_NOTE),
      h("div", { class: "row" }, h("span", { class: "spacer" }), closeBtn),
    ),
  );
  document.body.append(back);
  document.addEventListener("keydown", onKey);
  closeBtn.focus();
}
