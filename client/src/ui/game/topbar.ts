/**
 * The game screen's top bar: the year and round, the phase strip, the connection and the
 * clock, the host's controls, the debrief once the game is over, Ready, sound, help and leave.
 */
import type { PublicView } from "../../../../shared/views";
import type { Phase } from "../../../../shared/vocabulary";
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { TOPBAR_TEXT } from "../../model/topbar";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { cue, setSound, soundOn } from "../sound";
import { PhaseClock } from "./clock";
import { hostControls } from "./hostcontrols";
import { renderPhases, renderRound } from "./phase";

const me = (s: AppState) => s.table?.players.find((p) => p.id === s.playerId);

export class TopBar {
  readonly el: HTMLElement;
  readonly ready = h("button", {
    class: "btn primary",
    "data-testid": "ready",
    "data-tut": "ready",
    title: TOPBAR_TEXT.readyTitle,
  });
  readonly help: HTMLButtonElement;
  /** The spectator's badge with the join code (spectator.ts shows it). */
  readonly watching = h("span", { class: "watching", "data-testid": "watching", hidden: true });
  private readonly round = h("div", { class: "brand", "data-testid": "round" });
  private readonly phases = h("ol", { class: "phases", "aria-label": TOPBAR_TEXT.phases });
  private readonly hostBox = h("div", {
    class: "row",
    role: "group",
    "aria-label": TOPBAR_TEXT.hostControls,
  });
  private readonly conn = h("span", { class: "conn", "data-testid": "connection" });
  private readonly debrief: HTMLButtonElement;
  private readonly clock: PhaseClock;

  /** `state` gives the latest state; `onHelp` opens the help. */
  constructor(
    private readonly c: Controller,
    state: () => AppState,
    onHelp: () => void,
  ) {
    this.clock = new PhaseClock(state);
    // The store's state, not the last one drawn: a frame may not have caught up yet.
    this.ready.addEventListener("click", (e) => pressReady(c, c.store.get(), e.detail));
    this.help = h(
      "button",
      {
        class: "btn icon-only ghost",
        "aria-label": TOPBAR_TEXT.help,
        title: TOPBAR_TEXT.helpTitle,
        "data-testid": "help",
        onclick: onHelp,
      },
      iconSvg("help"),
    );
    this.debrief = h(
      "button",
      {
        class: "btn primary",
        "data-testid": "open-debrief",
        hidden: true,
        onclick: () => c.showDebrief(true),
      },
      iconSvg("flag"),
      TOPBAR_TEXT.debrief,
    );
    const leave = h(
      "button",
      {
        class: "btn icon-only ghost",
        title: TOPBAR_TEXT.leave,
        "aria-label": TOPBAR_TEXT.leave,
        onclick: () => {
          if (confirm(leaveQuestion(state()))) c.leave();
        },
      },
      iconSvg("close"),
    );
    this.el = h(
      "header",
      { class: "topbar" },
      h(
        "div",
        { class: "brand" },
        h("img", { src: "/favicon.svg", alt: "" }),
        h("span", { class: "sr-only" }, "Attractor"),
      ),
      this.round,
      this.phases,
      h("span", { class: "spacer" }),
      this.watching,
      this.conn,
      this.clock.el,
      this.hostBox,
      this.debrief,
      this.ready,
      soundButton(),
      this.help,
      leave,
    );
  }

  /** Redraws the bar; `ended` is whether the game is over. */
  update(s: AppState, pub: PublicView, phase: Phase, ended: boolean): void {
    const t = s.table;
    renderRound(this.round, pub);
    renderPhases(this.phases, phase);
    const mine = me(s);
    this.ready.hidden = ended || !s.view?.seat;
    this.ready.setAttribute("aria-pressed", mine?.ready ? "true" : "false");
    this.ready.replaceChildren(
      iconSvg("check"),
      mine?.ready ? TOPBAR_TEXT.readyDone : TOPBAR_TEXT.ready,
    );
    this.debrief.hidden = !(ended && s.debrief);
    renderIf(this.hostBox, JSON.stringify([mine?.host, t?.paused, ended]), () =>
      mine?.host && !ended ? hostControls(this.c, t?.paused === true) : [],
    );
    this.conn.className = `conn ${s.connection}`;
    this.conn.textContent =
      s.connection === "reconnecting"
        ? TOPBAR_TEXT.reconnecting
        : s.offline
          ? TOPBAR_TEXT.offline
          : "";
    this.clock.render();
  }

  destroy(): void {
    this.clock.stop();
  }
}

/** The question before leaving: only a player in a seat leaves it to a bot. */
function leaveQuestion(s: AppState): string {
  const mine = me(s);
  if (mine?.spectator || !s.view?.seat) return TOPBAR_TEXT.leaveWatching;
  return TOPBAR_TEXT.leaveSeat;
}

/**
 * Ready (or not) for the phase on screen. The message names that phase, so the server refuses
 * it once the phase is over; the second click of a double click (`clicks` 2 or more) is no
 * press at all, since by then the next phase's Ready may be on screen. Keys give 0 clicks.
 */
function pressReady(c: Controller, s: AppState, clicks: number): void {
  const t = s.table;
  if (clicks > 1 || !t || t.phase === "lobby") return;
  c.send("ready", { ready: !me(s)?.ready, round: t.round, phase: t.phase });
}

/** Sound on or off (off at first); turning it on plays a cue. */
function soundButton(): HTMLButtonElement {
  const btn = h(
    "button",
    {
      class: "btn icon-only ghost",
      "aria-pressed": "false",
      "aria-label": TOPBAR_TEXT.soundOff,
      title: TOPBAR_TEXT.soundOffTitle,
      onclick: () => {
        setSound(!soundOn());
        btn.setAttribute("aria-pressed", soundOn() ? "true" : "false");
        btn.setAttribute("aria-label", soundOn() ? TOPBAR_TEXT.soundOn : TOPBAR_TEXT.soundOff);
        btn.replaceChildren(iconSvg(soundOn() ? "sound" : "mute"));
        cue("phase");
      },
    },
    iconSvg("mute"),
  );
  return btn;
}
