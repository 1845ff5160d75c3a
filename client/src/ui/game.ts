/**
 * The game screen: top bar (round, phase, timer, ready, host controls), the optimisation
 * landscape at the centre (Phaser, loaded here), the seat's dashboard, the chart and risks,
 * and the legislature, news and chat. Phones get one panel at a time with a tab bar. The parts
 * live in game/; this file puts them together and passes each new state to them.
 */
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { bindShortcuts } from "./game/keys";
import { gameBoard, gameScreen } from "./game/layout";
import { BoardPanels } from "./game/panels";
import { PhaseAnnouncer } from "./game/phase";
import { SpectatorLayout } from "./game/spectator";
import { GameTabs } from "./game/tabs";
import { TopBar } from "./game/topbar";
import { WorldView } from "./game/world";
import { openHowTo } from "./howto";
import { closeTour, startTour, type TourStep, tourMayOpen, tourWanted } from "./tutorial";
import { HelpButton } from "./workshop/help";

export function mountGame(root: HTMLElement, c: Controller) {
  let state: AppState = c.store.get();
  const panels = new BoardPanels(c);
  const world = new WorldView();
  const board = gameBoard();
  const tabs = new GameTabs(board, panels.side, () => state.chatArrived);
  const showTab = (tab: TourStep["tab"]) => tabs.setMobile(tab);
  // Alone at the table, the clock waits while the how-to and the tour are open.
  const tour = (held?: () => void) =>
    startTour({ showTab, hold: held ? () => held : () => c.holdClockForTour() });
  const topbar = new TopBar(
    c,
    () => state,
    () => {
      closeTour();
      const release = c.holdClockForTour();
      openHowTo(() => tour(release));
    },
  );
  // A workshop's student: "Ask for help" in the top bar, before Ready (hidden at other tables).
  const help = new HelpButton(c);
  help.el.classList.add("topbar-help");
  topbar.el.insertBefore(help.el, topbar.ready);
  const announcer = new PhaseAnnouncer();
  const screen = gameScreen(board, {
    topbar: topbar.el,
    dashboard: panels.dashboard.el,
    world: world.el,
    chart: panels.chart,
    risks: panels.risks,
    side: tabs.side,
    mobileBar: tabs.mobileBar,
    phaseHint: announcer.el,
  });
  root.append(screen);
  tabs.setSide("laws");
  tabs.setMobile("world");
  const spectator = new SpectatorLayout(screen, tabs, topbar.watching);
  const unbindKeys = bindShortcuts({
    r: () => topbar.ready.click(),
    R: () => topbar.ready.click(),
    "?": () => topbar.help.click(),
  });
  // Phaser loads after the DOM is on screen.
  world.loadScene();
  window.__attractor.animating = () => world.animating();
  window.__attractor.incidents = () => world.incidents();

  let tourOffered = false;
  return {
    update(s: AppState) {
      const prev = state;
      state = s;
      help.update(s);
      const pub = s.view?.public;
      const t = s.table;
      if (!pub) return;
      const phase = t?.phase && t.phase !== "lobby" ? t.phase : pub.phase;
      const ended = pub.phase === "ended" || t?.stage === "ended";
      announcer.update(pub, phase);
      spectator.update(s);
      topbar.update(s, pub, phase, ended);
      world.update(s);
      panels.update(s);
      tabs.update(prev.chatArrived, s.chatArrived);
      // Alone: at once. With people: in News, never in the middle of Act.
      if (!tourOffered && tourMayOpen(s)) {
        tourOffered = true;
        if (tourWanted()) setTimeout(() => tour(), 400);
      }
    },
    destroy() {
      world.destroy();
      topbar.destroy();
      unbindKeys();
      closeTour();
    },
  };
}
