/**
 * The app's controller: turns the player's intents (play solo, create, join, send an action)
 * into connections and messages, and messages into store changes. Screens call these; they
 * never talk to the network themselves.
 */
import type {
  ClientMessage,
  ClientMessageType,
  CreateOptions,
  ServerMessages,
} from "../../../shared/protocol";
import type { StudentSeat } from "../../../shared/workshop";
import { joinError, plainError } from "../model/errors";
import { nextTryAt, RECONNECT, tryFailure } from "../model/reconnect";
import { clearSession, loadSession, rememberName } from "../net/session";
import type { ServerMessageType, Transport, TransportEvents } from "../net/transport";
import { joinWorkshop } from "../net/workshopApi";
import { addressOf, type Page } from "./route";
import {
  type AppState,
  applyMessage,
  initialState,
  RECONNECT_INTENT,
  type ReconnectIntent,
  Store,
  type WorkshopStudent,
} from "./store";
import { saveStudent } from "./workshopSession";

export class Controller {
  readonly store = new Store();
  private transport: Transport | null = null;
  /** A reload's tries to take the saved seat back, while they wait for the server. */
  private pendingResume: PendingResume | null = null;

  constructor() {
    // The "reconnecting" banner reports the person's intents as events on the document (it is
    // drawn beside every screen, not by one of them): try now, or give up and go to the title.
    if (typeof document !== "undefined") {
      document.addEventListener(RECONNECT_INTENT, (e) => {
        const intent = (e as CustomEvent<ReconnectIntent>).detail;
        if (intent === "now") this.retryNow();
        else this.leave();
      });
    }
  }

  /** While coming back after a drop: tries at once instead of waiting for the countdown. */
  retryNow(): void {
    if (this.pendingResume) this.pendingResume.wake();
    else this.transport?.retryNow?.();
  }

  private events(): TransportEvents {
    return {
      message: <T extends ServerMessageType>(type: T, payload: ServerMessages[T]) => {
        if (type === "error") {
          const e = payload as ServerMessages["error"];
          // A Ready for a phase that just ended (a second click): refused, and nothing to say.
          if (e.code === "phase_over") return;
          if (e.type === "help") {
            this.setHelp({ help: false });
            this.store.toast(`Asking for help did not work: ${plainError(e)}`, "error");
            return;
          }
          this.store.toast(plainError(e), "error");
          return;
        }
        this.store.set((s) => {
          const next = applyMessage(s, type, payload, performance.now());
          // A new game's debrief is shown as soon as it arrives.
          if (type === "debrief" && !s.debrief) return { ...next, showDebrief: true };
          return next;
        });
        if (type === "chat") {
          const c = payload as ServerMessages["chat"];
          if (c.fromSeat !== this.store.get().seat?.seat) this.onChat?.(c);
        }
      },
      dropped: () => this.store.set({ connection: "reconnecting" }),
      retrying: (status) =>
        this.store.set({ connection: "reconnecting", reconnect: { ...status, gaveUp: null } }),
      gaveUp: (reason, message) => {
        this.transport = null;
        this.store.set((s) => ({
          ...s,
          connection: "idle",
          reconnect: {
            nextTryAt: null,
            attempt: s.reconnect?.attempt ?? 0,
            until: s.reconnect?.until ?? Date.now(),
            gaveUp: { reason, message },
          },
        }));
      },
      closed: () => {
        this.transport = null;
        // A workshop's token is kept: the join page hears from the server if it was refused.
        const student = this.store.get().workshop;
        this.leave();
        this.store.toast(
          student
            ? "You are no longer at your table: the facilitator removed you, or you opened the workshop in another tab."
            : "You are no longer at that table: the host removed you, or you joined it from another tab.",
          "error",
        );
      },
      moved: (table) => void this.followMove(table),
      helped: (text) => {
        const said = text || "The facilitator has seen your call and is coming.";
        this.setHelp({ help: false, helped: said });
        this.store.toast(said);
      },
      restored: () => {
        this.store.set({
          connection: "connected",
          playerId: this.transport?.playerId ?? null,
          reconnect: null,
        });
        this.store.toast("Reconnected. You are back in your seat.");
      },
    };
  }

  onChat: ((c: ServerMessages["chat"]) => void) | null = null;

  private connected(t: Transport, offline = false): void {
    this.transport = t;
    this.store.set({
      connection: "connected",
      playerId: t.playerId,
      code: t.code,
      offline,
      reconnect: null,
    });
  }

  private async connect(open: (ev: TransportEvents) => Promise<Transport>): Promise<string | null> {
    this.cancelResume();
    this.store.set({ connection: "connecting" });
    try {
      const t = await open(this.events());
      this.connected(t);
      return null;
    } catch (err) {
      this.store.set({ connection: "idle" });
      return joinError(err);
    }
  }

  async create(options: CreateOptions): Promise<string | null> {
    rememberName(options.name);
    if (isOffline()) {
      const { LocalTransport } = await import("../net/local");
      this.connected(new LocalTransport(options, this.events(), offlineOptions()), true);
      return null;
    }
    const { ColyseusTransport } = await import("../net/colyseus");
    return this.connect((ev) => ColyseusTransport.create(options, ev));
  }

  async join(code: string, name: string, spectator: boolean): Promise<string | null> {
    rememberName(name);
    const { ColyseusTransport } = await import("../net/colyseus");
    return this.connect((ev) =>
      ColyseusTransport.join(
        code.toUpperCase(),
        spectator ? { name, spectator: true } : { name },
        ev,
      ),
    );
  }

  /**
   * After a reload: takes the saved seat back. While the server does not answer (it is
   * restarting) it tries again on the back-off schedule, with the banner, for the window.
   * Returns false when there is nothing to resume (or the seat could not be taken back).
   */
  async resume(): Promise<boolean> {
    const saved = loadSession();
    if (!saved || isOffline()) return false;
    const { ColyseusTransport } = await import("../net/colyseus");
    const wait: PendingResume = { cancelled: false, wake: () => {} };
    this.pendingResume = wait;
    const droppedAt = Date.now();
    const until = droppedAt + RECONNECT.windowMs;
    this.store.set({ connection: "reconnecting" });
    for (let attempt = 0; ; attempt++) {
      this.store.set({ reconnect: { nextTryAt: null, attempt, until, gaveUp: null } });
      let failure: unknown = null;
      try {
        const t = await ColyseusTransport.resume(saved, this.events());
        if (wait.cancelled) {
          t.leave();
          return false;
        }
        this.pendingResume = null;
        this.connected(t);
        return true;
      } catch (err) {
        failure = err;
      }
      if (wait.cancelled) return false;
      const at = nextTryAt(droppedAt, Date.now(), attempt, Math.random());
      if (tryFailure(failure) !== "network" || at === null) {
        // The table is gone or refuses us; or the server stayed away for the whole window.
        this.pendingResume = null;
        clearSession();
        this.store.set({
          connection: "idle",
          reconnect:
            at === null && tryFailure(failure) === "network"
              ? { nextTryAt: null, attempt, until, gaveUp: { reason: "window", message: "" } }
              : null,
        });
        return false;
      }
      this.store.set({ reconnect: { nextTryAt: at, attempt: attempt + 1, until, gaveUp: null } });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, at - Date.now());
        wait.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (wait.cancelled) return false;
    }
  }

  /** Stops a reload's tries to take the seat back (the person chose something else). */
  private cancelResume(): void {
    const wait = this.pendingResume;
    if (!wait) return;
    this.pendingResume = null;
    wait.cancelled = true;
    wait.wake();
  }

  /** Opens a workshop page (setup, join, cockpit…) with its address; null: the title. */
  openPage(page: Page | null): void {
    history.pushState(null, "", page ? addressOf(page) : location.pathname);
    this.store.set({ page });
  }

  /** A workshop's student takes the seat (or the watcher's place) the workshop gave them. */
  async joinWorkshopTable(seat: StudentSeat): Promise<string | null> {
    const kept = { token: seat.token, nickname: seat.nickname, student: seat.student };
    saveStudent(seat.workshop, kept);
    const before = this.store.get().workshop;
    const workshop: WorkshopStudent = {
      code: seat.workshop,
      ...kept,
      help: before?.help ?? false,
      helped: before?.helped ?? null,
    };
    this.store.set({ workshop });
    const table = seat.table;
    if (!table) return "No table is open for you yet. Wait a moment, then try again.";
    rememberName(seat.nickname);
    const { ColyseusTransport } = await import("../net/colyseus");
    return this.connect((ev) =>
      ColyseusTransport.join(
        table,
        { name: seat.nickname, seatToken: seat.token },
        ev,
        seat.workshop,
      ),
    );
  }

  /** The facilitator moved this student: their token opens the new table. */
  private async followMove(table: string | null): Promise<void> {
    this.transport = null;
    const student = this.store.get().workshop;
    // The old table stays on screen until the new one answers (no join page in between).
    this.store.set((s) => ({
      ...s,
      debrief: null,
      seat: null,
      chat: [],
      events: [],
      riskTrail: [],
      connection: "connecting",
    }));
    if (!student) return;
    this.store.toast(
      table ? `The facilitator moved you to table ${table}.` : "The facilitator moved you.",
    );
    try {
      const seat = await joinWorkshop(student.code, { token: student.token });
      const problem = await this.joinWorkshopTable(seat);
      if (problem) this.store.toast(problem, "error");
    } catch (err) {
      this.store.set({ connection: "idle" });
      this.store.toast(
        `Joining your new table did not work: ${err instanceof Error ? err.message : String(err)} Reload the page to try again.`,
        "error",
      );
    }
  }

  /** "Ask for help" at a workshop's table (on), or taking it back (off). */
  askHelp(on: boolean): void {
    if (!this.transport || this.store.get().connection !== "connected") {
      this.store.toast(
        "You are not connected to your table, so the call for help was not sent.",
        "error",
      );
      return;
    }
    this.transport.send("help", { on });
    this.setHelp({ help: on, helped: on ? null : (this.store.get().workshop?.helped ?? null) });
  }

  private setHelp(change: Partial<Pick<WorkshopStudent, "help" | "helped">>): void {
    this.store.set((s) => (s.workshop ? { ...s, workshop: { ...s.workshop, ...change } } : s));
  }

  /** The facilitator's silent watch of one table (a spectator nobody at the table is shown). */
  async watch(table: string, token: string): Promise<string | null> {
    this.store.set({ watching: true });
    const { ColyseusTransport } = await import("../net/colyseus");
    return this.connect((ev) =>
      ColyseusTransport.join(table, { name: "Facilitator", seatToken: token }, ev),
    );
  }

  send<T extends ClientMessageType>(type: T, payload: ClientMessage<T>): void {
    if (!this.transport) {
      this.store.toast("You are not connected to a game.", "error");
      return;
    }
    if (this.store.get().connection === "reconnecting") {
      this.store.toast("Reconnecting… try again in a moment.", "error");
      return;
    }
    this.transport.send(type, payload);
  }

  /**
   * Alone at the table (a solo game, or a private table nobody else joined), the clock waits
   * while the guided tour or the how-to is open: this sends the host's pause, which the server
   * checks like any other, and returns what to call when they close (it sends the resume). It
   * does nothing at a table with other people, when the clock is already paused, or when the
   * game is not being played; and it does not resume a clock that the host resumed or a phase
   * that the host skipped meanwhile.
   */
  holdClockForTour(): () => void {
    const s = this.store.get();
    const t = s.table;
    const me = t?.players.find((p) => p.id === s.playerId);
    const alone = t?.players.length === 1 && me?.host === true;
    if (!t || !alone || t.stage !== "playing" || t.paused || !this.transport) return () => {};
    const round = t.round;
    const phase = t.phase;
    this.send("pause", {});
    let seenPaused = false;
    let resumedByHand = false;
    const off = this.store.subscribe((now) => {
      if (now.table?.paused) seenPaused = true;
      else if (seenPaused) resumedByHand = true;
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      off();
      const now = this.store.get().table;
      const samePhase = now?.round === round && now.phase === phase;
      // Not yet seen paused: the pause is still on its way, and the resume follows it.
      if (!resumedByHand && samePhase && now?.stage === "playing" && (now.paused || !seenPaused))
        this.send("resume", {});
    };
  }

  /** Test hook: cuts the connection as a network failure would; false when there is none. */
  dropConnection(): boolean {
    if (!this.transport?.drop) return false;
    this.transport.drop();
    return true;
  }

  leave(): void {
    this.cancelResume();
    this.transport?.leave();
    this.transport = null;
    clearSession();
    const fresh: AppState = initialState();
    this.store.set(() => fresh);
    history.replaceState(null, "", location.pathname);
  }

  showDebrief(show: boolean): void {
    this.store.set({ showDebrief: show });
  }
}

interface PendingResume {
  cancelled: boolean;
  /** Ends the wait before the next try (Try now, or a cancel). */
  wake: () => void;
}

export function isOffline(): boolean {
  return new URLSearchParams(location.search).has("offline");
}

function offlineOptions(): { timeScale: number; seed: number } {
  const q = new URLSearchParams(location.search);
  return {
    timeScale: Number(q.get("timeScale") ?? 1) || 1,
    seed: Number(q.get("seed") ?? 20261127) || 1,
  };
}
