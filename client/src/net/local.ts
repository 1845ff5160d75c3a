/**
 * An offline table: the rules run in the page, with bots in every other seat, and speak the
 * same messages as the game server. Used by `?offline` (development, demos without a server,
 * screenshots of fixtures). Loaded lazily; the real game uses the server. The game's course is
 * the shared table runner the server runs too, on the window's timers; this only adapts it to
 * one person's messages.
 */
import { DEFAULT_PERSONALITY } from "../../../shared/bots";
import { PERSONALITIES, type Personality } from "../../../shared/bots/personalities";
import { createGame } from "../../../shared/create";
import { difficultySeats } from "../../../shared/difficulty";
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
import type { Clock } from "../../../shared/table/phaseClock";
import { eventsFor, TableRunner } from "../../../shared/table/runner";
import { publicView, viewFor } from "../../../shared/views";
import type { Transport, TransportEvents } from "./transport";

export interface LocalOptions {
  /** Multiplier on phase timers (tests use small values). */
  timeScale?: number;
  seed?: number;
}

const windowClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    return { clear: () => clearTimeout(handle) };
  },
};

export class LocalTransport implements Transport {
  readonly code = "LOCAL";
  readonly playerId = "me";
  private readonly game: TableRunner;
  private readonly mySeat: SeatId;
  /** The bots' personalities, seat by seat (none in our seat). */
  private readonly bots: Record<SeatId, Personality> = {};
  private ready = false;

  constructor(
    private readonly options: CreateOptions,
    private readonly events: TransportEvents,
    local: LocalOptions = {},
  ) {
    const preset = presetById(options.scenario ?? "standard") ?? STANDARD;
    const scenario = options.rounds ? { ...preset, rounds: options.rounds } : preset;
    const seed = local.seed ?? 20261127;
    const seats = createGame(scenario, seed).seats;
    const want = options.role ?? "government";
    this.mySeat = seats.find((s) => s.role === want)?.id ?? "G1";
    // The bots of the difficulty chosen on the title screen; without one, a mix of every kind.
    const level = options.difficulty ? difficultySeats(options.difficulty, scenario, want) : null;
    const personalities: Record<SeatId, Personality> = {};
    for (const s of seats) {
      const list = PERSONALITIES[s.role];
      personalities[s.id] =
        s.id === this.mySeat
          ? DEFAULT_PERSONALITY[s.role]
          : (level?.[s.id] ??
            list[Number(s.id.slice(1)) % list.length] ??
            DEFAULT_PERSONALITY[s.role]);
      if (s.id !== this.mySeat) this.bots[s.id] = personalities[s.id]!;
    }
    const speed = SPEED_FACTOR[options.speed ?? "quick"] * (local.timeScale ?? 1);
    this.game = new TableRunner(
      {
        gameId: "local",
        scenario,
        seed,
        seats: seats.map((s) => ({ role: s.role, name: s.name })),
        personalities,
        timeFactor: speed,
        botDelayMs: 0,
        clock: windowClock,
      },
      {
        botPlays: (seat) => seat !== this.mySeat,
        entered: (state) => this.entered(state),
        changed: () => this.broadcast(),
        ended: (debrief) => {
          if (debrief) this.emit("debrief", debrief);
        },
      },
    );
    setTimeout(() => {
      this.emit("seat", { seat: this.mySeat, token: "local", player: this.playerId });
      this.game.start();
    }, 0);
  }

  private emit<T extends keyof ServerMessages>(type: T, payload: ServerMessages[T]): void {
    this.events.message(type, payload);
  }

  private entered(state: GameState): void {
    this.ready = false;
    this.broadcast();
    if (state.phase !== "resolve") return;
    const events = eventsFor(state.events, this.mySeat, false);
    if (events.length > 0) this.emit("events", events);
  }

  private table(): TableInfo {
    const state = this.game.state;
    return {
      code: this.code,
      stage: state.phase === "ended" ? "ended" : "playing",
      scenario: state.scenario.id,
      rounds: state.scenario.rounds,
      speed: this.options.speed ?? "quick",
      seats: state.seats.map((s) => ({
        id: s.id,
        role: s.role,
        name: s.name,
        player: s.id === this.mySeat ? this.playerId : null,
        bot: this.bots[s.id] ?? null,
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
      round: state.round,
      phase: state.phase,
      remainingMs: Math.round(this.game.remainingMs()),
      paused: this.game.paused,
      link: "/?offline",
      gameId: null,
    };
  }

  private broadcast(): void {
    const state = this.game.state;
    this.emit("table", this.table());
    this.emit("view", { seat: viewFor(state, this.mySeat), public: publicView(state) });
  }

  send<T extends ClientMessageType>(type: T, payload: ClientMessage<T>): void {
    const game = this.game;
    switch (type) {
      case "action": {
        const error = game.apply(this.mySeat, (payload as ClientMessage<"action">).action);
        if (error) this.emit("error", { code: error.code, message: error.message, type });
        else this.broadcast();
        return;
      }
      case "ready": {
        const r = payload as ClientMessage<"ready">;
        // As on the server: a Ready for a phase that is over changes nothing.
        if (r.phase !== undefined && (r.phase !== game.state.phase || r.round !== game.state.round))
          return;
        this.ready = r.ready;
        if (this.ready && !game.paused && !game.ended) game.everyoneReady();
        else this.broadcast();
        return;
      }
      case "chat": {
        const c = payload as ClientMessage<"chat">;
        this.emit("chat", {
          from: this.options.name,
          fromPlayer: this.playerId,
          fromSeat: this.mySeat,
          text: c.text,
          to: c.to ?? null,
          at: Date.now(),
        });
        return;
      }
      case "pause":
        if (game.pause()) this.broadcast();
        return;
      case "resume":
        if (game.resume()) this.broadcast();
        return;
      case "skip":
        game.next();
        return;
      case "extend":
        if (game.extend((payload as ClientMessage<"extend">).seconds * 1000)) this.broadcast();
        return;
      default:
        this.emit("error", { code: "wrong_stage", message: "Offline games have no lobby.", type });
    }
  }

  leave(): void {
    this.game.stop();
  }

  /** The whole public view, for tests. */
  get publicState() {
    return publicView(this.game.state);
  }
}
