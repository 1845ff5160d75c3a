/**
 * The guided first round: a coach card that points at each part of the real game screen in
 * turn. Short enough for a fifteen-year-old in three minutes, in plain words; skippable;
 * offered again from the help button, and in the lobby of a table with other people (where no
 * clock runs). In a solo game the clock waits while it is open (the caller's `hold`: the host's
 * pause, which the server checks like any other); at a table with people it opens by itself
 * only during News, never in the middle of Act, and it names the host's Pause button. The
 * card is opaque and placed where it does not cover the map (its risk numbers).
 */
import type { AppState } from "../app/store";
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
    title: "The map of the world",
    text: "This map shows the world's economy. The orange dot is where the world is now, and its trail shows where it came from. The dot slides toward the biggest danger.",
  },
  {
    target: ".basins",
    tab: "world",
    title: "Four traps",
    text: "Each low spot on the map is a trap: a different disaster. The number on it is its risk. AI makes the traps deeper, and laws fill them with water to hold the world back. Tap a trap to see what drives it. A trap that flashes ⚡ had a warning sign this year.",
  },
  {
    target: "[data-tut=you]",
    tab: "you",
    title: "Your seat",
    text: "Here are your role, your numbers and your points. Your points are a stand-in score: votes, profit or a lead in AI. They are not how well people really live. That gap is the point of the game.",
  },
  {
    target: "[data-tut=strategy]",
    tab: "you",
    title: "Set your plan",
    text: "Drag the sliders and press Save. Point at a slider, or move to it with the Tab key, to read what it does.",
  },
  {
    target: "[data-tut=moves]",
    tab: "you",
    title: "Make up to two moves",
    text: "Open a move to read what it does, pick its options and press its button. Governments write new laws here in the Act phase.",
  },
  {
    target: "[data-tut=side]",
    tab: "laws",
    title: "Laws, news and chat",
    text: "Governments vote on laws in the Legislate phase. Everyone else can try to win their votes. Some laws slow the slide. Others make the numbers more honest, so the score and real life stay close.",
  },
  {
    target: "[data-tut=chart]",
    tab: "world",
    title: "Watch the gap",
    text: "The orange line is the economy score everyone sees. The blue line is well-being as we can measure it, with a band for how sure we are. When the two lines drift apart, the score is being gamed. Below the chart: which harms each country counts. Firms push harm onto the ones nobody counts.",
  },
  {
    target: "[data-tut=ready]",
    tab: "world",
    title: "The clock and Ready",
    text: "Each phase has a clock at the top. Press Ready (or R) when you are done. The phase ends when everyone is ready or the time runs out. The host can stop the clock with the Pause button. In a solo game the clock waits while this tour is open. Good luck!",
  },
];

/** What the lobby says when it offers the tour (a table with other people). */
export const TOUR_OFFERS: readonly { readonly title: string; readonly text: string }[] = [
  {
    title: "First game?",
    text: "Take the guided tour now, while no clock runs. It opens again when the game starts, during News. The host can stop the clock with the Pause button at any time.",
  },
];

/** Every text the tour shows, plain: what the reading-grade test measures. */
export const TOUR_TEXTS: readonly string[] = [
  ...TOUR.map((s) => `${s.title}. ${s.text}`),
  ...TOUR_OFFERS.map((s) => `${s.title} ${s.text}`),
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

/** A table where this person is the only one (a solo game): the tour holds the clock. */
export function soloTable(s: AppState): boolean {
  const players = s.table?.players ?? [];
  return players.length === 1 && players[0]!.id === s.playerId;
}

/**
 * Whether the tour may open by itself now: alone, at once; at a table with people, only in
 * News (the phase for reading), never in the middle of Act.
 */
export function tourMayOpen(s: AppState): boolean {
  if (!s.view?.seat || s.table?.stage !== "playing") return false;
  return soloTable(s) || (s.table.phase === "news" && s.view.public.phase === "news");
}

export interface TourOptions {
  /** The phone layout's tab switch (the game screen); none in the lobby's preview. */
  readonly showTab?: (tab: TourStep["tab"]) => void;
  /** Called when the tour opens; returns what to call when it closes (the solo clock's hold). */
  readonly hold?: () => () => void;
  /** The lobby's preview: the game screen is not there yet, nothing is pointed at. */
  readonly preview?: boolean;
}

/** Closes the tour if it is open (as Skip does: a held clock runs again). */
export function closeTour(): void {
  const open = document.querySelector(".coach");
  open?.dispatchEvent(new Event("coach-close"));
  open?.remove();
}

export function startTour(options: TourOptions = {}): void {
  closeTour();
  let i = 0;
  let spotted: Element | null = null;
  const release = options.hold?.() ?? (() => {});
  const card = h("div", {
    class: "card coach",
    role: "dialog",
    "aria-modal": "false",
    "aria-labelledby": "coach-title",
    "data-testid": "tour",
  });
  let open = true;
  const finish = () => {
    if (!open) return;
    open = false;
    spotted?.classList.remove("spot");
    card.remove();
    document.removeEventListener("keydown", onKey);
    window.removeEventListener("resize", place);
    release();
    try {
      localStorage.setItem(DONE_KEY, "1");
    } catch {
      // ignore
    }
  };
  card.addEventListener("coach-close", finish);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") finish();
  };
  const place = () => placeCard(card, spotted);
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
    options.showTab?.(step.tab);
    spotted?.classList.remove("spot");
    spotted = options.preview ? null : document.querySelector(step.target);
    spotted?.classList.add("spot");
    spotted?.scrollIntoView({ block: "nearest" });
    const next = h(
      "button",
      {
        class: "btn primary small",
        "data-testid": "tour-next",
        onclick: () => go(1),
      },
      i + 1 < TOUR.length ? "Next" : options.preview ? "Done" : "Play",
      iconSvg("arrow", 16),
    );
    card.replaceChildren(
      h(
        "div",
        { class: "progress" },
        options.preview
          ? `Guided tour of the game screen · ${i + 1} of ${TOUR.length}`
          : `Guided first round · ${i + 1} of ${TOUR.length}`,
      ),
      h("h2", { id: "coach-title" }, step.title),
      h("p", { "data-testid": "tour-text" }, step.text),
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
    place();
    next.focus();
  };
  card.classList.toggle("preview", options.preview === true);
  document.body.append(card);
  document.addEventListener("keydown", onKey);
  window.addEventListener("resize", place);
  render();
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The visible part of an element on screen, or null when it is hidden or has no size. */
function shown(el: Element | null): Box | null {
  if (!el) return null;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

/**
 * What the card must not cover, best first: the map panel (the map and the published risks
 * under it) and the risks panel; where that leaves no room (a phone held upright), the map
 * itself with its risk numbers and the risks panel.
 */
const KEEP_CLEAR = [
  [".area-world", "section[aria-label=Risks]"],
  ["#landscape", "section[aria-label=Risks]"],
] as const;

/**
 * Places the card where it covers nothing in `KEEP_CLEAR` and, if it can, not the part being
 * pointed at: over the side panel or the dashboard (in their width), else in a corner of the
 * window, else below or above the map; if nothing fits, where the stylesheet puts it.
 */
function placeCard(card: HTMLElement, spotted: Element | null): void {
  const reset = () => {
    card.style.left = "";
    card.style.top = "";
    card.style.right = "";
    card.style.bottom = "";
    card.style.width = "";
  };
  reset();
  if (card.classList.contains("preview")) return;
  const boxes = (qs: readonly string[]) =>
    qs.map((q) => shown(document.querySelector(q))).filter((b): b is Box => b !== null);
  const target = shown(spotted);
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const gap = 10;
  const top = (shown(document.querySelector(".topbar"))?.bottom ?? 0) + gap;
  const bar = shown(document.querySelector(".mobile-tabs"));
  const bottom = (bar ? bar.top : vh) - gap;
  const natural = Math.min(card.offsetWidth, vw - 2 * gap);
  /** The card `width` wide at `left`, its bottom (or top) at `y`. */
  const at = (left: number, width: number, y: number, fromBottom: boolean) => {
    card.style.width = `${width}px`;
    const hgt = card.offsetHeight;
    const t = fromBottom ? y - hgt : y;
    return { left, top: t, right: left + width, bottom: t + hgt, width };
  };
  const candidates: (Box & { width: number })[] = [];
  for (const q of [".area-side", ".area-you"]) {
    const b = shown(document.querySelector(q));
    if (!b) continue;
    const width = Math.min(natural, b.right - b.left - 2 * gap);
    if (width < 240) continue;
    candidates.push(at(b.right - gap - width, width, bottom, true));
    candidates.push(at(b.right - gap - width, width, top, false));
  }
  candidates.push(at(Math.max(gap, vw - natural - gap), natural, bottom, true));
  candidates.push(at(gap, natural, bottom, true));
  candidates.push(at(Math.max(gap, vw - natural - gap), natural, top, false));
  const map = shown(document.querySelector(".area-world"));
  if (map) {
    const left = Math.max(gap, Math.min(vw - natural - gap, map.left));
    candidates.push(at(left, natural, map.bottom + gap, false));
    candidates.push(at(left, natural, map.top - gap, true));
  }
  reset();
  const fits = (b: Box) =>
    b.left >= 0 && b.top >= top - gap && b.right <= vw && b.bottom <= bottom + gap;
  let best: (typeof candidates)[number] | undefined;
  for (const qs of KEEP_CLEAR) {
    const keep = boxes(qs);
    const clear = (b: Box) => fits(b) && !keep.some((k) => overlaps(b, k));
    best =
      candidates.find((b) => clear(b) && !(target && overlaps(b, target))) ??
      candidates.find(clear);
    if (best) break;
  }
  if (!best) return;
  card.style.left = `${Math.round(best.left)}px`;
  card.style.top = `${Math.round(best.top)}px`;
  card.style.right = "auto";
  card.style.bottom = "auto";
  card.style.width = `${Math.round(best.width)}px`;
}
