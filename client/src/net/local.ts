/**
 * An offline table: the rules run in the page, with bots in every other seat, and speak the
 * same messages as the game server. Used by `?offline` (development, demos without a server,
 * screenshots of fixtures). Loaded lazily; the real game uses the server.
 */
import { type Action, applyAction } from "../../../shared/actions";
import { botActions, DEFAULT_PERSONALITY } from "../../../shared/bots";
import { PERSONALITIES, type Personality } from "../../../shared/bots/personalities";
import { createGame } from "../../../shared/create";
import { advance } from "../../../shared/game";
import { counterfactual, type LoggedAction } from "../../../shared/log";
import { presetById, STANDARD } from "../../../shared/presets";
import type {
  ClientMessage,
  ClientMessageType,
  CreateOptions,
  ServerMessages,
  TableInfo,
} from "../../../shared/protocol";
import { SPEED_FACTOR } from "../../../shared/protocol";
import type { GameState, SeatId } from "../../../shared/state";
import { debriefView, publicView, viewFor } from "../../../shared/views";
import type { Phase } from "../../../shared/vocabulary";
import type { Transport, TransportEvents } from "./transport";

export interface LocalOptions {
  /** Multiplier on phase timers (tests use small values). */
  timeScale?: number;
  seed?: number;
}

export class LocalTransport implements Transport {
  readonly code = "LOCAL";
  readonly playerId = "me";
  private state: GameState;
  private readonly mySeat: SeatId;
  private readonly personalities: Record<SeatId, Personality> = {};
  private readonly log: LoggedAction[] = [];
  private readonly seats: ReturnType<typeof createGame>["seats"];
  private phaseEnds = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private paused = false;
  private remainingWhenPaused = 0;
  private ready = false;
  private readonly speed: number;

  constructor(
    private readonly options: CreateOptions,
    private readonly events: TransportEvents,
    local: LocalOptions = {},
  ) {
    const scenario = presetById(options.scenario ?? "standard") ?? STANDARD;
    const sc = options.rounds ? { ...scenario, rounds: options.rounds } : scenario;
    this.state = createGame(sc, local.seed ?? 20261127);
    this.seats = this.state.seats;
    const want = options.role ?? "government";
    this.mySeat = this.state.seats.find((s) => s.role === want)?.id ?? "G1";
    for (const s of this.state.seats) {
      const list = PERSONALITIES[s.role];
      this.personalities[s.id] =
        list[Number(s.id.slice(1)) % list.length] ?? DEFAULT_PERSONALITY[s.role];
    }
    this.speed = SPEED_FACTOR[options.speed ?? "quick"] * (local.timeScale ?? 1);
    setTimeout(() => {
      this.emit("seat", { seat: this.mySeat, token: "local", player: this.playerId });
      this.startPhase();
    }, 0);
  }

  private emit<T extends keyof ServerMessages>(type: T, payload: ServerMessages[T]): void {
    this.events.message(type, payload);
  }

  private phaseSeconds(phase: Phase): number {
    const t = this.state.scenario.timers;
    switch (phase) {
      case "news":
        return t.news;
      case "act":
        return t.act;
      case "legislate":
        return t.legislate;
      case "resolve":
        return t.resolve;
      case "ended":
        return 0;
    }
  }

  private table(): TableInfo {
    const remaining = this.paused
      ? this.remainingWhenPaused
      : Math.max(0, this.phaseEnds - Date.now());
    return {
      code: this.code,
      stage: this.state.phase === "ended" ? "ended" : "playing",
      scenario: this.state.scenario.id,
      rounds: this.state.scenario.rounds,
      speed: this.options.speed ?? "quick",
      seats: this.seats.map((s) => ({
        id: s.id,
        role: s.role,
        name: s.name,
        player: s.id === this.mySeat ? this.playerId : null,
        bot: s.id === this.mySeat ? null : (this.personalities[s.id] ?? null),
      })),
      players: [
        {
          id: this.playerId,
          name: this.options.name,
          seat: this.mySeat,
          host: true,
          connected: true,
          ready: this.ready,
          spectator: false,
          muted: false,
        },
      ],
      round: this.state.round,
      phase: this.state.phase,
      remainingMs: remaining,
      paused: this.paused,
      link: "/?offline",
      gameId: null,
    };
  }

  private broadcast(): void {
    this.emit("table", this.table());
    this.emit("view", { seat: viewFor(this.state, this.mySeat), public: publicView(this.state) });
  }

  private startPhase(): void {
    if (this.timer) clearTimeout(this.timer);
    this.ready = false;
    if (this.state.phase === "ended") {
      this.broadcast();
      this.sendDebrief();
      return;
    }
    const ms = this.phaseSeconds(this.state.phase) * 1000 * this.speed;
    this.phaseEnds = Date.now() + ms;
    if (this.state.phase === "act" || this.state.phase === "legislate") this.playBots();
    this.broadcast();
    if (this.state.events.length && this.state.phase === "news")
      this.emit("events", this.state.events);
    if (!this.paused) this.timer = setTimeout(() => this.next(), ms);
  }

  private playBots(): void {
    const phase = this.state.phase as "act" | "legislate";
    for (const seat of this.state.seats) {
      if (seat.id === this.mySeat) continue;
      const view = viewFor(this.state, seat.id);
      for (const action of botActions(view, this.state.scenario, this.personalities[seat.id]!)) {
        this.apply(seat.id, action, phase);
      }
    }
  }

  private apply(seat: SeatId, action: Action, phase: "act" | "legislate"): boolean {
    const r = applyAction(this.state, seat, action);
    if (!r.ok) {
      if (seat === this.mySeat)
        this.emit("error", { code: r.error.code, message: r.error.message, type: "action" });
      return false;
    }
    this.state = r.state;
    this.log.push({ round: this.state.round, phase, seat, action });
    return true;
  }

  private next(): void {
    this.state = advance(this.state);
    this.startPhase();
  }

  private sendDebrief(): void {
    const d = debriefView(this.state);
    if (!d) return;
    const log = {
      scenario: this.state.scenario,
      seed: this.state.seed,
      seats: this.seats.map((s) => ({ role: s.role, name: s.name })),
      personalities: {
        ...this.personalities,
        [this.mySeat]: DEFAULT_PERSONALITY[this.seats.find((s) => s.id === this.mySeat)!.role],
      },
      actions: this.log,
    };
    const cf = counterfactual(log, "noRegulation");
    this.emit("debrief", {
      debrief: d,
      counterfactual: {
        ending: cf.ending ?? "muddling",
        welfare: cf.history.map((h) => h.welfare),
        proxy: cf.history.map((h) => h.proxy),
      },
      gameId: "local",
    });
  }

  send<T extends ClientMessageType>(type: T, payload: ClientMessage<T>): void {
    switch (type) {
      case "action": {
        const { action } = payload as ClientMessage<"action">;
        const phase = this.state.phase;
        if (phase !== "act" && phase !== "legislate") {
          this.emit("error", {
            code: "wrong_phase",
            message: "Actions can only be taken in the Act and Legislate phases.",
            type,
          });
          return;
        }
        if (this.apply(this.mySeat, action, phase)) this.broadcast();
        return;
      }
      case "ready": {
        this.ready = (payload as ClientMessage<"ready">).ready;
        if (this.ready) this.next();
        else this.broadcast();
        return;
      }
      case "chat": {
        const c = payload as ClientMessage<"chat">;
        this.emit("chat", {
          from: this.options.name,
          fromSeat: this.mySeat,
          text: c.text,
          to: c.to ?? null,
          at: Date.now(),
        });
        return;
      }
      case "pause":
        if (!this.paused) {
          this.paused = true;
          this.remainingWhenPaused = Math.max(0, this.phaseEnds - Date.now());
          if (this.timer) clearTimeout(this.timer);
          this.broadcast();
        }
        return;
      case "resume":
        if (this.paused) {
          this.paused = false;
          this.phaseEnds = Date.now() + this.remainingWhenPaused;
          this.timer = setTimeout(() => this.next(), this.remainingWhenPaused);
          this.broadcast();
        }
        return;
      case "skip":
        this.next();
        return;
      case "extend": {
        const s = (payload as ClientMessage<"extend">).seconds;
        this.phaseEnds += s * 1000;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.next(), Math.max(0, this.phaseEnds - Date.now()));
        this.broadcast();
        return;
      }
      default:
        this.emit("error", { code: "wrong_stage", message: "Offline games have no lobby.", type });
    }
  }

  leave(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** The whole public view, for tests. */
  get publicState() {
    return publicView(this.state);
  }
}
