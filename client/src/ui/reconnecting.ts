/**
 * The "reconnecting" banner: a strip at the top of every screen while the client comes back
 * after a dropped connection, with the countdown to the next try and a "Try now" button; once
 * the client stops trying, why, and a button back to the title. It does not block the page: the
 * page moves down by its height.
 * Screen readers hear the situation (lost, stopped) once, not every tick of the countdown.
 * Its buttons report intents as a document event (RECONNECT_INTENT), which the controller hears.
 */
import { type AppState, RECONNECT_INTENT, type ReconnectIntent } from "../app/store";
import { bannerText } from "../model/reconnect";
import { h } from "./dom";
import { iconSvg } from "./icons";

interface Banner {
  readonly root: HTMLElement;
  readonly say: HTMLElement;
  readonly next: HTMLElement;
  readonly button: HTMLButtonElement;
  tick: ReturnType<typeof setInterval> | null;
  status: NonNullable<AppState["reconnect"]>;
  readonly resize: ResizeObserver | null;
}

let banner: Banner | null = null;

function intent(i: ReconnectIntent): void {
  document.dispatchEvent(new CustomEvent<ReconnectIntent>(RECONNECT_INTENT, { detail: i }));
}

export function renderReconnecting(s: AppState): void {
  const status: AppState["reconnect"] =
    s.reconnect ??
    (s.connection === "reconnecting"
      ? // Dropped, the first try not scheduled yet (or a reload resuming its seat).
        { nextTryAt: null, attempt: 0, until: 0, gaveUp: null }
      : null);
  if (!status || (s.connection !== "reconnecting" && !status.gaveUp)) {
    if (banner) {
      if (banner.tick) clearInterval(banner.tick);
      banner.resize?.disconnect();
      banner.root.remove();
      banner = null;
      document.body.classList.remove("reconnecting-banner");
      document.body.style.removeProperty("--reconnecting-h");
    }
    return;
  }
  if (!banner) banner = create(status);
  banner.status = status;
  draw(banner);
  if (status.nextTryAt !== null && !banner.tick) {
    const b = banner;
    b.tick = setInterval(() => draw(b), 250);
  } else if (status.nextTryAt === null && banner.tick) {
    clearInterval(banner.tick);
    banner.tick = null;
  }
}

function create(status: Banner["status"]): Banner {
  const say = h("span", { class: "rc-say", role: "alert", "data-testid": "reconnecting-say" });
  const next = h("span", { class: "rc-next", "data-testid": "reconnecting-next" });
  const button = h("button", {
    type: "button",
    class: "btn small",
    "data-testid": "reconnecting-action",
    onclick: () => intent(banner?.status.gaveUp ? "title" : "now"),
  });
  const root = h(
    "div",
    {
      class: "overlay-banner reconnecting",
      role: "region",
      "aria-label": "Connection",
      "data-testid": "reconnecting",
    },
    h("span", { class: "rc-head" }, iconSvg("wifi"), say),
    h("span", { class: "rc-tail" }, next, button),
  );
  document.body.append(root);
  // The screen moves down by the banner's height (which wraps on narrow screens), so the top
  // bar's clock and round stay in sight while the game waits to come back.
  document.body.classList.add("reconnecting-banner");
  const fitScreen = () =>
    document.body.style.setProperty("--reconnecting-h", `${root.offsetHeight}px`);
  fitScreen();
  const resize = typeof ResizeObserver === "function" ? new ResizeObserver(fitScreen) : null;
  resize?.observe(root);
  return { root, say, next, button, tick: null, status, resize };
}

function draw(b: Banner): void {
  const t = bannerText(b.status, Date.now());
  if (b.say.textContent !== t.say) b.say.textContent = t.say;
  b.next.hidden = t.next === null;
  if (b.next.textContent !== (t.next ?? "")) b.next.textContent = t.next ?? "";
  const label = t.action === "title" ? "Back to the title" : "Try now";
  if (b.button.textContent !== label) b.button.textContent = label;
  b.button.disabled = t.busy;
  b.root.classList.toggle("stopped", t.action === "title");
}
