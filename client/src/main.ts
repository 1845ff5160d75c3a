/**
 * Entry point: the light title screen (plain DOM). Everything heavier, the lobby, the game
 * screen with Phaser, the debrief, loads on demand when the table reaches that stage.
 */
import "@fontsource/inter/latin-400.css";
import "@fontsource/inter/latin-600.css";
import "@fontsource/space-grotesk/latin-500.css";
import "@fontsource/space-grotesk/latin-700.css";
import "./style.css";
import { Controller } from "./app/controller";
import { type Page, pageOf } from "./app/route";
import type { AppState, Screen } from "./app/store";
import { mountTitle } from "./ui/title";
import { renderToasts } from "./ui/toasts";
import { renderWatchBanner } from "./ui/workshop/banner";

interface Mounted {
  update(s: AppState): void;
  destroy(): void;
}

interface TestHook {
  ready: boolean;
  screen: Screen;
  connection: string;
  state(): unknown;
  controller: Controller;
  /** Whether the landscape is animating the world's move (game screen only). */
  animating?: () => boolean;
  /** The incidents the landscape marks now, as "attractor:incident" (game screen only). */
  incidents?: () => string[];
}

declare global {
  interface Window {
    __attractor: TestHook;
  }
}

const root = document.getElementById("app")!;
const controller = new Controller();
let current: { screen: Screen; mounted: Mounted } | null = null;
let loading: Screen | null = null;

const hook: TestHook = {
  ready: false,
  screen: "title",
  connection: "idle",
  controller,
  state: () => {
    const s = controller.store.get();
    return {
      screen: s.screen,
      connection: s.connection,
      code: s.code,
      playerId: s.playerId,
      seat: s.seat,
      table: s.table,
      view: s.view,
      debrief: s.debrief,
      chat: s.chat,
      toasts: s.toasts,
    };
  },
};
window.__attractor = hook;

async function load(screen: Screen): Promise<(root: HTMLElement, c: Controller) => Mounted> {
  switch (screen) {
    case "title":
      return mountTitle;
    case "lobby":
      return (await import("./ui/lobby")).mountLobby;
    case "game":
      return (await import("./ui/game")).mountGame;
    case "debrief":
      return (await import("./ui/debrief")).mountDebrief;
    case "workshop-setup":
      return (await import("./ui/workshop/setup")).mountWorkshopSetup;
    case "workshop-join":
      return (await import("./ui/workshop/join")).mountWorkshopJoin;
    case "cockpit":
      return (await import("./ui/workshop/cockpit")).mountCockpit;
    case "watch":
      return (await import("./ui/workshop/watch")).mountWatch;
    case "projector": {
      const { mountProjector } = await import("./ui/workshop/projector");
      return standalone((p) => (p.screen === "projector" ? [p.code, p.key] : null), mountProjector);
    }
    case "wdebrief": {
      const { mountWorkshopDebrief } = await import("./ui/workshop/wdebrief");
      return standalone(
        (p) => (p.screen === "wdebrief" ? [p.code, p.secret] : null),
        mountWorkshopDebrief,
      );
    }
  }
}

/** A workshop screen that takes its code and key from the page, not the store's changes. */
function standalone(
  args: (p: Page) => [string, string] | null,
  mount: (root: HTMLElement, code: string, key: string) => { destroy(): void },
): (root: HTMLElement, c: Controller) => Mounted {
  return (root, c) => {
    const page = c.store.get().page;
    const a = page ? args(page) : null;
    const mounted = a ? mount(root, a[0], a[1]) : { destroy() {} };
    return { update() {}, destroy: () => mounted.destroy() };
  };
}

async function show(s: AppState): Promise<void> {
  hook.connection = s.connection;
  renderToasts(s);
  renderWatchBanner(s);
  if (current?.screen === s.screen) {
    current.mounted.update(s);
    hook.screen = s.screen;
    return;
  }
  if (loading === s.screen) return;
  loading = s.screen;
  hook.ready = false;
  const mount = await load(s.screen);
  const latest = controller.store.get();
  loading = null;
  if (latest.screen !== s.screen) return void show(latest);
  current?.mounted.destroy();
  root.replaceChildren();
  current = { screen: s.screen, mounted: mount(root, controller) };
  current.mounted.update(latest);
  hook.screen = s.screen;
  hook.ready = true;
  window.scrollTo(0, 0);
}

controller.store.subscribe((s) => void show(s));

// Back and forward between the title and the workshop pages.
window.addEventListener("popstate", () => {
  const s = controller.store.get();
  if (!s.table && !s.view) controller.store.set({ page: pageOf(location.search, location.hash) });
});

async function start(): Promise<void> {
  // A workshop page (setup, join, cockpit, projector, debrief, watch) is opened by its address.
  const page = pageOf(location.search, location.hash);
  if (page) {
    controller.store.set({ page });
    return;
  }
  const resumed = await controller.resume();
  if (!resumed) await show(controller.store.get());
}
void start();
