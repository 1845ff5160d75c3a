/**
 * The guided first round: a coach card that points at each part of the real game screen in
 * turn. Short enough for a fifteen-year-old in three minutes; skippable; offered again from
 * the help button.
 */
import { h } from "./dom";
import { iconSvg } from "./icons";

export interface TourStep {
  readonly target: string;
  /** The phone layout's tab that shows the target. */
  readonly tab: "world" | "you" | "laws" | "news" | "chat";
  readonly title: string;
  readonly text: string;
}

export const TOUR: readonly TourStep[] = [
  {
    target: "#landscape",
    tab: "world",
    title: "The world is the orange dot",
    text: "This map is the economy's optimisation landscape. The dot is the world; its trail shows where it came from. It slides toward whichever basin's risk is highest.",
  },
  {
    target: ".basins",
    tab: "world",
    title: "Four basins, one valley",
    text: "Each basin is a catastrophe. They deepen as AI makes optimisation stronger, and fill with water as regulations hold them back. Tap a basin to see what drives it. Past its tipping point a basin pulls the world in. A basin that flashes ⚡ had an incident this year: a warning.",
  },
  {
    target: "[data-tut=you]",
    tab: "you",
    title: "Your seat",
    text: "Your role, your figures and your score. Your score is a proxy (approval, profit or lead), never welfare. That is the point of the game.",
  },
  {
    target: "[data-tut=strategy]",
    tab: "you",
    title: "Set your strategy",
    text: "Drag the sliders and press Save. Hover or focus any slider to read what it does.",
  },
  {
    target: "[data-tut=moves]",
    tab: "you",
    title: "Make up to two moves",
    text: "Open a move to read its effect, choose its options, and press its button. Governments propose laws here in the Act phase.",
  },
  {
    target: "[data-tut=side]",
    tab: "laws",
    title: "Laws, news and chat",
    text: "Governments vote in the Legislate phase; everyone else lobbies. Brakes slow the slide; better measurement closes the gap between the index and welfare.",
  },
  {
    target: "[data-tut=chart]",
    tab: "world",
    title: "Watch the gap",
    text: "The economic index (orange) against measured welfare (blue, with its uncertainty). When they drift apart, Goodhart's law is at work. Below it: which harms each bloc's statistics count. Firms push harm onto the ones nobody counts.",
  },
  {
    target: "[data-tut=ready]",
    tab: "world",
    title: "Ready when you are",
    text: "Press Ready (or R) when you are done. The phase ends when everyone is ready or the clock runs out. Good luck!",
  },
];

const DONE_KEY = "attractor.tourDone";

export function tourWanted(): boolean {
  const q = new URLSearchParams(location.search);
  if (q.get("tour") === "0") return false;
  if (q.get("tour") === "1") return true;
  try {
    return localStorage.getItem(DONE_KEY) !== "1";
  } catch {
    return false;
  }
}

export function startTour(showTab: (tab: TourStep["tab"]) => void): void {
  document.querySelector(".coach")?.remove();
  let i = 0;
  let spotted: Element | null = null;
  const card = h("div", {
    class: "card coach",
    role: "dialog",
    "aria-modal": "false",
    "aria-labelledby": "coach-title",
    "data-testid": "tour",
  });
  const finish = () => {
    spotted?.classList.remove("spot");
    card.remove();
    document.removeEventListener("keydown", onKey);
    try {
      localStorage.setItem(DONE_KEY, "1");
    } catch {
      // ignore
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") finish();
  };
  const go = (step: number) => {
    if (i + step >= TOUR.length) {
      finish();
      return;
    }
    i = Math.max(0, i + step);
    render();
  };
  const render = () => {
    const step = TOUR[i]!;
    showTab(step.tab);
    spotted?.classList.remove("spot");
    spotted = document.querySelector(step.target);
    spotted?.classList.add("spot");
    spotted?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    const next = h(
      "button",
      {
        class: "btn primary small",
        "data-testid": "tour-next",
        onclick: () => go(1),
      },
      i + 1 < TOUR.length ? "Next" : "Play",
      iconSvg("arrow", 16),
    );
    card.replaceChildren(
      h("div", { class: "progress" }, `Guided first round · ${i + 1} of ${TOUR.length}`),
      h("h2", { id: "coach-title" }, step.title),
      h("p", {}, step.text),
      h(
        "div",
        { class: "row" },
        h(
          "button",
          { class: "btn ghost small", "data-testid": "tour-skip", onclick: finish },
          "Skip tour",
        ),
        h("span", { class: "spacer", style: "flex:1" }),
        i > 0 ? h("button", { class: "btn small", onclick: () => go(-1) }, "Back") : null,
        next,
      ),
    );
    next.focus();
  };
  document.body.append(card);
  document.addEventListener("keydown", onKey);
  render();
}
