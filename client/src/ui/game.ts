/**
 * The game screen: top bar (round, phase, timer, ready, host controls), the optimisation
 * landscape at the centre (Phaser, loaded here), the seat's dashboard, the chart and risks,
 * and the legislature, news and chat. Phones get one panel at a time with a tab bar.
 */
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { ATTRACTOR_INFO, VALLEY } from "../model/attractors";
import { clock, PHASE_HINT, PHASE_LABEL } from "../model/format";
import { basinFill, buildLandscape, type LandscapeModel, TIPPING } from "../model/landscape";
import type { LandscapeHandle, Region } from "../scene/landscape";
import { announce, h, renderIf } from "./dom";
import { openHowTo } from "./howto";
import { iconSvg } from "./icons";
import { renderChart } from "./panels/chart";
import { ChatPanel } from "./panels/chat";
import { Dashboard } from "./panels/dashboard";
import { renderLegislature } from "./panels/legislature";
import { renderNews } from "./panels/news";
import { renderRisks } from "./panels/risks";
import { cue, setSound, soundOn } from "./sound";
import { startTour, type TourStep, tourWanted } from "./tutorial";

type SideTab = "laws" | "news" | "chat";
type MobileTab = "world" | "you" | SideTab;

export function mountGame(root: HTMLElement, c: Controller) {
  let state: AppState = c.store.get();
  let sideTab: SideTab = "laws";
  let mobileTab: MobileTab = "world";
  let landscape: LandscapeHandle | null = null;
  let lastModel: LandscapeModel | null = null;
  let lastPhaseKey = "";
  let selected: Region = null;
  /** The region under the pointer: hovering previews it, a click or tap pins it. */
  let hovered: Region = null;
  let lastChatSeen = 0;

  // Top bar
  const round = h("div", { class: "brand", "data-testid": "round" });
  const phases = h("ol", { class: "phases", "aria-label": "Phases of the round" });
  const timer = h("div", {
    class: "timer",
    role: "timer",
    "aria-live": "off",
    "data-testid": "timer",
  });
  const ready = h("button", {
    class: "btn primary",
    "data-testid": "ready",
    "data-tut": "ready",
    title: "Done for this phase (R)",
  });
  const hostBox = h("div", { class: "row", role: "group", "aria-label": "Host controls" });
  const conn = h("span", { class: "conn", "data-testid": "connection" });
  const watching = h("span", { class: "watching", "data-testid": "watching", hidden: true });
  const soundBtn = h("button", {
    class: "btn icon-only ghost",
    "aria-pressed": "false",
    "aria-label": "Sound (off)",
    title: "Sound is off; click to turn it on",
  });
  const helpBtn = h("button", {
    class: "btn icon-only ghost",
    "aria-label": "How to play and guided tour",
    title: "How to play",
    "data-testid": "help",
  });
  const debriefBtn = h(
    "button",
    { class: "btn primary", "data-testid": "open-debrief", hidden: true },
    iconSvg("flag"),
    "See the debrief",
  );
  const leaveBtn = h(
    "button",
    { class: "btn icon-only ghost", title: "Leave this game", "aria-label": "Leave this game" },
    iconSvg("close"),
  );
  const topbar = h(
    "header",
    { class: "topbar" },
    h(
      "div",
      { class: "brand" },
      h("img", { src: "/favicon.svg", alt: "" }),
      h("span", { class: "sr-only" }, "Attractor"),
    ),
    round,
    phases,
    h("span", { class: "spacer" }),
    watching,
    conn,
    timer,
    hostBox,
    debriefBtn,
    ready,
    soundBtn,
    helpBtn,
    leaveBtn,
  );
  const phaseHint = h("p", { class: "sr-only", "aria-live": "polite" });

  // Centre
  const canvasBox = h(
    "div",
    { id: "landscape", "aria-hidden": "true" },
    h("div", { class: "landscape-fallback" }, "Drawing the landscape…"),
  );
  const summary = h("div", {
    class: "world-summary",
    role: "note",
    "data-testid": "world-summary",
  });
  const basinInfo = h("div", {
    class: "card basin-info",
    hidden: true,
    role: "region",
    "aria-live": "polite",
    "aria-label": "About this basin",
  });
  const basins = h("div", {
    class: "basins",
    role: "group",
    "aria-label": "Basins of the landscape: select one to learn what drives it",
  });
  const world = h(
    "section",
    { class: "panel area-world", "aria-label": "The optimisation landscape" },
    h(
      "div",
      { style: "position:relative;min-height:0;display:grid" },
      canvasBox,
      summary,
      basinInfo,
    ),
    basins,
  );
  const chartEl = h("section", { class: "panel", "data-tut": "chart", "aria-label": "Chart" });
  const risksEl = h("section", { class: "panel", "aria-label": "Risks" });
  const lower = h("div", { class: "panel area-lower" }, chartEl, risksEl);

  // Side: legislature, news, chat
  const dashboard = new Dashboard(c);
  const lawsEl = h("div", {
    class: "tabpanel",
    role: "tabpanel",
    id: "tab-laws",
    "aria-labelledby": "tabbtn-laws",
  });
  const newsEl = h("div", {
    class: "tabpanel",
    role: "tabpanel",
    id: "tab-news",
    "aria-labelledby": "tabbtn-news",
  });
  const chat = new ChatPanel(c);
  const chatEl = h(
    "div",
    { class: "tabpanel", role: "tabpanel", id: "tab-chat", "aria-labelledby": "tabbtn-chat" },
    chat.el,
  );
  const tabDefs: { id: SideTab; label: string; icon: string }[] = [
    { id: "laws", label: "Legislature", icon: "scales" },
    { id: "news", label: "News", icon: "news" },
    { id: "chat", label: "Chat", icon: "chat" },
  ];
  const tabBtns = tabDefs.map((t) =>
    h(
      "button",
      {
        role: "tab",
        id: `tabbtn-${t.id}`,
        "aria-controls": `tab-${t.id}`,
        "data-testid": `tab-${t.id}`,
        onclick: () => setSide(t.id),
        onkeydown: (e: KeyboardEvent) => tabKeys(e, t.id),
      },
      iconSvg(t.icon),
      t.label,
    ),
  );
  const side = h(
    "section",
    { class: "panel area-side", "data-tut": "side", "aria-label": "Legislature, news and chat" },
    h("div", { class: "tabs", role: "tablist", "aria-label": "Side panels" }, tabBtns),
    h("div", { style: "min-height:0;overflow:auto" }, lawsEl, newsEl, chatEl),
  );
  const board = h(
    "main",
    { class: "board", "data-mtab": mobileTab },
    dashboard.el,
    world,
    lower,
    side,
  );
  const mobileDefs: { id: MobileTab; label: string; icon: string }[] = [
    { id: "world", label: "World", icon: "valley" },
    { id: "you", label: "You", icon: "user" },
    { id: "laws", label: "Laws", icon: "scales" },
    { id: "news", label: "News", icon: "news" },
    { id: "chat", label: "Chat", icon: "chat" },
  ];
  const mobileBtns = mobileDefs.map((t) =>
    h(
      "button",
      { role: "tab", "data-testid": `mtab-${t.id}`, onclick: () => setMobile(t.id) },
      iconSvg(t.icon, 20),
      t.label,
    ),
  );
  const mobileBar = h(
    "nav",
    { class: "mobile-tabs", role: "tablist", "aria-label": "Screen sections" },
    mobileBtns,
  );
  const screen = h(
    "div",
    { class: "game", "data-screen": "game" },
    topbar,
    board,
    mobileBar,
    phaseHint,
  );
  root.append(screen);

  function setSide(tab: SideTab): void {
    sideTab = tab;
    tabBtns.forEach((b, i) => {
      b.setAttribute("aria-selected", tabDefs[i]!.id === tab ? "true" : "false");
      b.setAttribute("tabindex", tabDefs[i]!.id === tab ? "0" : "-1");
    });
    lawsEl.hidden = tab !== "laws";
    newsEl.hidden = tab !== "news";
    chatEl.hidden = tab !== "chat";
    if (tab === "chat") lastChatSeen = state.chat.length;
    updateTabBadges();
  }
  function tabKeys(e: KeyboardEvent, current: SideTab): void {
    const i = tabDefs.findIndex((t) => t.id === current);
    const next = e.key === "ArrowRight" ? (i + 1) % 3 : e.key === "ArrowLeft" ? (i + 2) % 3 : -1;
    if (next >= 0) {
      setSide(tabDefs[next]!.id);
      tabBtns[next]!.focus();
    }
  }
  function setMobile(tab: MobileTab): void {
    mobileTab = tab;
    board.dataset.mtab = tab;
    mobileBtns.forEach((b, i) => {
      b.setAttribute("aria-selected", mobileDefs[i]!.id === tab ? "true" : "false");
    });
    if (tab === "laws" || tab === "news" || tab === "chat") setSide(tab);
  }
  function updateTabBadges(): void {
    const unread = sideTab === "chat" ? 0 : state.chat.length - lastChatSeen;
    tabBtns[2]!.lastChild!.textContent = unread > 0 ? `Chat (${unread})` : "Chat";
  }
  setSide("laws");
  setMobile("world");

  // Controls
  const me = () => state.table?.players.find((p) => p.id === state.playerId);
  ready.addEventListener("click", () => c.send("ready", { ready: !me()?.ready }));
  soundBtn.addEventListener("click", () => {
    setSound(!soundOn());
    soundBtn.setAttribute("aria-pressed", soundOn() ? "true" : "false");
    soundBtn.setAttribute("aria-label", soundOn() ? "Sound (on)" : "Sound (off)");
    soundBtn.replaceChildren(iconSvg(soundOn() ? "sound" : "mute"));
    cue("phase");
  });
  soundBtn.append(iconSvg("mute"));
  helpBtn.append(iconSvg("help"));
  helpBtn.addEventListener("click", () => openHowTo(() => startTour(showTab)));
  debriefBtn.addEventListener("click", () => c.showDebrief(true));
  leaveBtn.addEventListener("click", () => {
    if (confirm("Leave this game? A bot will take your seat.")) c.leave();
  });
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    if (e.key === "r" || e.key === "R") ready.click();
    if (e.key === "?") helpBtn.click();
  };
  document.addEventListener("keydown", onKey);
  const showTab = (tab: TourStep["tab"]) => setMobile(tab);

  // Basins legend and info
  function basinButtons(model: LandscapeModel): void {
    renderIf(
      basins,
      JSON.stringify([model.basins.map((b) => [Math.round(b.risk), b.fill.toFixed(2)]), selected]),
      () => [
        ...model.basins.map((b) => {
          const info = ATTRACTOR_INFO[b.id];
          return h(
            "button",
            {
              class: "basin-btn",
              "aria-expanded": selected === b.id ? "true" : "false",
              "data-basin": b.id,
              onclick: () => select(selected === b.id ? null : b.id),
            },
            h("span", { style: `color:${info.colour}` }, iconSvg(info.icon, 16)),
            info.short,
            h("b", {}, Math.round(b.risk)),
            b.risk >= TIPPING
              ? h("span", { class: "tag", style: "color:#ffb38a" }, "past tipping point")
              : null,
          );
        }),
        h(
          "button",
          {
            class: "basin-btn",
            "aria-expanded": selected === "valley" ? "true" : "false",
            onclick: () => select(selected === "valley" ? null : "valley"),
          },
          h("span", { style: `color:${VALLEY.colour}` }, iconSvg("valley", 16)),
          "Flourishing",
        ),
      ],
    );
  }
  function select(r: Region): void {
    selected = r;
    renderBasinInfo();
    if (lastModel) basinButtons(lastModel);
  }
  function renderBasinInfo(): void {
    const model = lastModel;
    const shown = hovered ?? selected;
    if (!shown || !model) {
      basinInfo.hidden = true;
      return;
    }
    basinInfo.hidden = false;
    // A hover preview lies over the map: it must not take the pointer from the map (that would
    // end the hover that shows it). A card pinned by a click or tap takes the pointer.
    basinInfo.style.pointerEvents = hovered !== null && hovered !== selected ? "none" : "auto";
    if (shown === "valley") {
      basinInfo.replaceChildren(
        h("h3", {}, iconSvg("valley"), VALLEY.label),
        h("p", { style: "font-size:.88rem" }, VALLEY.explain),
        h("button", { class: "btn small ghost", onclick: () => select(null) }, "Close"),
      );
      return;
    }
    const b = model.basins.find((x) => x.id === shown)!;
    const info = ATTRACTOR_INFO[b.id];
    basinInfo.replaceChildren(
      h("h3", { style: `color:${info.colour}` }, iconSvg(info.icon), info.label),
      h(
        "p",
        { style: "font-size:.88rem;margin:0" },
        h("b", {}, "Published risk: "),
        `${Math.round(b.risk)} / 100 (tipping point ${TIPPING}).`,
      ),
      h("p", { style: "font-size:.88rem;margin:0" }, h("b", {}, "Driven by: "), info.drivenBy, "."),
      h(
        "p",
        { style: "font-size:.88rem;margin:0" },
        h("b", {}, "Held back by: "),
        info.heldBackBy,
        ".",
      ),
      h(
        "p",
        { style: "font-size:.88rem;margin:0" },
        h("b", {}, "Regulation holding it: "),
        b.hold >= 0.005
          ? `the rules in force hold back ${Math.round(b.hold * 100)}% of what drives it (the basin is ${Math.round((b.fill / Math.max(0.01, basinFill(1))) * 100)}% filled)`
          : "none yet",
      ),
      h(
        "p",
        { style: "font-size:.88rem" },
        h("b", {}, "Past the tipping point: "),
        info.tipping,
        ".",
      ),
      h("button", { class: "btn small ghost", onclick: () => select(null) }, "Close"),
    );
  }

  // Phaser loads after the DOM is on screen.
  let destroyed = false;
  void import("../scene/landscape").then(({ createLandscape }) => {
    if (destroyed) return;
    canvasBox.replaceChildren();
    landscape = createLandscape(canvasBox, (region, click) => {
      if (click) select(region);
      else {
        // Hovering previews a basin (the wide valley would cover the map with its card).
        const basin = region === "valley" ? null : region;
        if (basin !== hovered) {
          hovered = basin;
          renderBasinInfo();
        }
      }
      canvasBox.style.cursor = region ? "pointer" : "default";
    });
    if (lastModel) landscape.update(lastModel, false);
  });

  window.__attractor.animating = () => landscape?.animating() ?? false;
  const tick = setInterval(() => renderTimer(), 250);
  function remaining(): number {
    const t = state.table;
    if (!t) return 0;
    return t.paused ? t.remainingMs : t.remainingMs - (performance.now() - state.tableAt);
  }
  function renderTimer(): void {
    const ms = remaining();
    const t = state.table;
    timer.replaceChildren(
      iconSvg(t?.paused ? "pause" : "clock", 18),
      t?.paused ? "Paused" : clock(ms),
    );
    timer.classList.toggle("low", !t?.paused && ms < 10_000);
    timer.setAttribute("aria-label", t?.paused ? "Paused" : `${Math.ceil(ms / 1000)} seconds left`);
  }

  let tourOffered = false;
  let spectating: boolean | null = null;
  /** A spectator (the projector on the wall): no dashboard, a big landscape, the news. */
  function setSpectating(on: boolean): void {
    if (spectating === on) return;
    spectating = on;
    screen.toggleAttribute("data-spectator", on);
    mobileBtns[1]!.hidden = on;
    if (on) {
      setSide("news");
      if (mobileTab === "you") setMobile("world");
    }
  }

  return {
    update(s: AppState) {
      const prev = state;
      state = s;
      const pub = s.view?.public;
      const t = s.table;
      if (!pub) return;
      const phase = t?.phase && t.phase !== "lobby" ? t.phase : pub.phase;
      const year = pub.startYear + pub.round - 1;
      renderIf(round, `${pub.round}|${pub.rounds}`, () => [
        h("span", {}, `${year}`),
        h(
          "span",
          { class: "fineprint", style: "font-family:var(--body)" },
          ` · round ${pub.round}/${pub.rounds}`,
        ),
      ]);
      renderIf(phases, phase, () =>
        (["news", "act", "legislate", "resolve"] as const).map((p) =>
          h(
            "li",
            { "aria-current": p === phase ? "step" : null, title: PHASE_HINT[p] },
            PHASE_LABEL[p],
          ),
        ),
      );
      const phaseKey = `${pub.round}|${phase}`;
      if (phaseKey !== lastPhaseKey) {
        lastPhaseKey = phaseKey;
        phaseHint.textContent = `${year}, ${PHASE_LABEL[phase]} phase. ${PHASE_HINT[phase]}`;
        announce(`${PHASE_LABEL[phase]} phase, ${year}.`);
        cue(phase === "resolve" ? "resolve" : "phase");
        if (pub.news.some((e) => e.kind === "closeCall") && phase === "news") cue("alarm");
      }
      const mine = me();
      setSpectating(!s.view?.seat);
      watching.hidden = !spectating || !t;
      if (spectating && t) {
        renderIf(watching, t.code, () => [
          iconSvg("eye", 16),
          h("span", { class: "long" }, "Watching · join with code"),
          h("b", { class: "code" }, t.code),
        ]);
      }
      const ended = pub.phase === "ended" || t?.stage === "ended";
      ready.hidden = ended || !s.view?.seat;
      ready.setAttribute("aria-pressed", mine?.ready ? "true" : "false");
      ready.replaceChildren(iconSvg("check"), mine?.ready ? "Ready ✓" : "Ready");
      debriefBtn.hidden = !(ended && s.debrief);
      renderIf(hostBox, JSON.stringify([mine?.host, t?.paused, ended]), () =>
        mine?.host && !ended
          ? [
              h(
                "button",
                {
                  class: "btn icon-only ghost",
                  "aria-label": t?.paused ? "Resume the clock" : "Pause the clock",
                  title: t?.paused ? "Resume" : "Pause",
                  "data-testid": "pause",
                  onclick: () => c.send(t?.paused ? "resume" : "pause", {}),
                },
                iconSvg(t?.paused ? "play" : "pause"),
              ),
              h(
                "button",
                {
                  class: "btn icon-only ghost",
                  "aria-label": "Add 30 seconds",
                  title: "+30 s",
                  onclick: () => c.send("extend", { seconds: 30 }),
                },
                iconSvg("plus"),
              ),
              h(
                "button",
                {
                  class: "btn icon-only ghost",
                  "aria-label": "Skip to the next phase",
                  title: "Skip phase",
                  "data-testid": "skip",
                  onclick: () => c.send("skip", {}),
                },
                iconSvg("skip"),
              ),
            ]
          : [],
      );
      conn.className = `conn ${s.connection}`;
      conn.textContent =
        s.connection === "reconnecting" ? "Reconnecting…" : s.offline ? "Offline table" : "";
      renderTimer();

      // Landscape
      const model = buildLandscape(
        pub,
        s.riskTrail.filter((r) => r.round <= pub.round).map((r) => r.risks),
      );
      const moved =
        !lastModel ||
        lastModel.marker.x !== model.marker.x ||
        lastModel.marker.y !== model.marker.y;
      const changed = !lastModel || JSON.stringify(lastModel) !== JSON.stringify(model);
      if (changed) {
        landscape?.update(model, moved && lastModel !== null);
        lastModel = model;
        summary.textContent = model.summary;
        basinButtons(model);
        renderBasinInfo();
      }
      dashboard.update(s);
      renderChart(chartEl, s);
      renderRisks(risksEl, s);
      renderLegislature(lawsEl, s, c);
      renderNews(newsEl, s);
      chat.update(s);
      if (sideTab === "chat") lastChatSeen = s.chat.length;
      if (prev.chat.length !== s.chat.length) updateTabBadges();
      if (!tourOffered && s.view?.seat) {
        tourOffered = true;
        if (tourWanted()) setTimeout(() => startTour(showTab), 400);
      }
    },
    destroy() {
      destroyed = true;
      clearInterval(tick);
      document.removeEventListener("keydown", onKey);
      document.querySelector(".coach")?.remove();
      landscape?.destroy();
    },
  };
}
