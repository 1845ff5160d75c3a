/**
 * Classroom workshops (DESIGN.md section 12): one code for a class, tables opened and filled
 * as students join (each table an ordinary game room, `room.ts`, created by the server with the
 * workshop's scenario, format and seats; bots play every seat nobody holds), and a facilitator
 * who runs every table from the cockpit with a secret only they hold. A workshop is kept in
 * SQLite (its settings, students' nicknames and seat tokens, tables and their games) for
 * `WORKSHOP_DAYS` after its creation, then deleted with its tables' saved games. Nothing
 * personal is stored: a nickname, a random token, a seat. The HTTP edge is `workshopApi.ts`;
 * the projector, the debrief and the export are built by `workshopReport.ts`. At the start of
 * every round of a table its "odds from here" are asked of an `OddsSource` (a worker pool on a
 * real server), off the table's step, and kept with the workshop. When the server starts
 * again, the tables that were in play come back re-attached to their workshop
 * (`restoreTables`): the cockpit runs them and the students take their seats back. The tables
 * still seating students (in their lobby: no game to restore) are opened again by the process
 * that loads the workshop from the records, on its first request (or with its tables in play),
 * under their codes, with every student seated again at their seat for their token
 * (`reopenLobbies`), so seating goes on and the facilitator can start them.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import { customAlphabet, nanoid } from "nanoid";
import { cloneState } from "../shared/clone";
import { injectStatus } from "../shared/injects";
import { type ChatMessage, CODE_ALPHABET, ROOM_NAME } from "../shared/protocol";
import type { Scenario } from "../shared/scenario";
import type { GameState, SeatId } from "../shared/state";
import { ATTRACTORS, type Attractor, type Role } from "../shared/vocabulary";
import type {
  Cockpit,
  CockpitStudent,
  CockpitTable,
  DebriefTable,
  OddsPoint,
  ProjectorView,
  WorkshopCreated,
  WorkshopDebrief,
  WorkshopExport,
  WorkshopSummary,
} from "../shared/workshop";
import { describeIssues } from "./auth";
import type { WorkshopHooks } from "./course";
import { refuse } from "./handlers";
import { restoreTable, type SavedTable } from "./restore";
import type { GameRoom, RoomServices } from "./room";
import type { WorkshopTableSpec } from "./services";
import { inBackground, type SavedGame, type StoredWorkshop } from "./store";
import { type Refusal, sameName, seatMixProblem } from "./table";
import { isFiltered } from "./wordFilter";
import {
  type Control,
  controlSchema,
  FORMATS,
  placeStudent,
  randomNickname,
  studentJoinSchema,
  type TablePlan,
  tableRoles,
  type WorkshopOptions,
  workshopOptionsSchema,
} from "./workshopPlan";
import {
  debriefTable,
  discussionQuestions,
  exportCsv,
  exportJson,
  exportRows,
  passedRegulations,
  projectorTable,
  replayRounds,
  separatedSentences,
  type TableSource,
} from "./workshopReport";

/**
 * Where a table's odds from here come from: the share of each ending in bot continuations of
 * `state` (a copy the source may keep), fewer once the time `by` (`Date.now()` milliseconds)
 * has passed. A real server's runs in worker threads; tests give a fake. It may be slow or
 * fail: the table never waits for it.
 */
export interface OddsSource {
  compute(state: GameState, runs?: number, by?: number | null): Promise<OddsPoint>;
}

/** How long after a round opens its odds should be in (the source plays fewer runs after). */
export const ODDS_BUDGET_MS = 5_000;

export interface WorkshopServiceOptions {
  /** Draws for random nicknames (tests give their own). */
  readonly random?: () => number;
  readonly odds?: OddsSource | null;
  /**
   * How long a table waits for an odds answer before it may ask again at its next round
   * (default 30 s). An answer that comes later is still kept.
   */
  readonly oddsTimeoutMs?: number;
}

/** What the API answers: an HTTP status and a JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const DAY = 86_400_000;
/** Workshop codes are one character longer than table codes, so the two never mix. */
export const WORKSHOP_CODE_LENGTH = 6;
const newCode = customAlphabet(CODE_ALPHABET, WORKSHOP_CODE_LENGTH);
export const WORKSHOP_CODE = new RegExp(`^[${CODE_ALPHABET}]{${WORKSHOP_CODE_LENGTH}}$`);
/** Most students one workshop takes (beyond the tables' seats they watch). */
export const MAX_STUDENTS = 200;
/** The facilitator's messages a workshop keeps for its projector. */
export const MAX_MESSAGES = 50;
/** What a student who asked for help is told when the facilitator answers (`helped`). */
export const HELPED_TEXT = "The facilitator has seen your request and is coming.";

interface StudentRecord {
  readonly id: string;
  readonly nickname: string;
  readonly token: string;
  /** The code of their table, or null once removed. */
  table: string | null;
  seat: SeatId | null;
  muted: boolean;
  removed: boolean;
}

interface TableRecord {
  code: string;
  chat: boolean;
  stage: "lobby" | "playing" | "ended";
  gameId: string | null;
  /** Joins the table as a silent watcher (absent in records from before it existed). */
  watchToken?: string;
  /** The odds from here at the start of each round, by round (absent: none yet). */
  odds?: OddsPoint[];
  /** The chat of the table's lobby, its last lines (a restart during seating keeps them). */
  lobbyChat?: ChatMessage[];
}

/** A facilitator's message, as the projector shows it. */
interface MessageRecord {
  readonly at: number;
  readonly table: string | null;
  readonly text: string;
}

/** Everything stored of a workshop (as JSON in the `workshops` table). */
interface WorkshopData {
  readonly id: string;
  readonly code: string;
  readonly secretHash: string;
  /** The projector key's SHA-256 (absent in records from before the projector existed). */
  readonly projectorHash?: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly options: WorkshopOptions;
  readonly roles: Role[];
  /** Whether new tables open with chat on. */
  chat: boolean;
  filter: boolean;
  /** Whether the projector shows the join code (absent: shown). */
  showCode?: boolean;
  /** The facilitator's last `MAX_MESSAGES` messages, oldest first. */
  messages?: MessageRecord[];
  readonly students: StudentRecord[];
  readonly tables: TableRecord[];
}

export class Workshop {
  /** The live rooms of its tables, by code. */
  readonly rooms = new Map<string, GameRoom>();
  /** Operations run one after another (a join may open a table: an await). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Closed tables' games rebuilt from their saved logs, by game id. */
  readonly rebuilt = new Map<string, TableSource>();
  /** Tables whose odds are being computed now (one computation per table at a time). */
  readonly oddsPending = new Set<string>();
  /** Odds came in since the workshop was last saved (saved once its tables' odds are all in). */
  oddsUnsaved = false;
  /**
   * Its lobby tables opened again after a restart (`reopenLobbies`, once per load): null until
   * asked; done at once for a workshop created here.
   */
  lobbies: Promise<void> | null = null;

  constructor(
    readonly data: WorkshopData,
    readonly scenario: Scenario | null,
  ) {}

  serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  table(code: string): TableRecord | undefined {
    return this.data.tables.find((t) => t.code === code);
  }
}

/** The answer listing each table's result of a command. */
function tableResults(results: readonly (readonly [string, Refusal | null])[]): Answer {
  const listed = results.map(([table, refusal]) =>
    refusal ? { table, ok: false, ...refusal } : { table, ok: true },
  );
  return { status: 200, body: { ok: listed.every((r) => r.ok), results: listed } };
}

const hash = (secret: string) => createHash("sha256").update(secret).digest();
const fail = (status: number, error: string, message: string): Answer => ({
  status,
  body: { error, message },
});

export class WorkshopService {
  private readonly live = new Map<string, Workshop>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly random: () => number;
  private odds: OddsSource | null;
  private oddsTimeoutMs: number;
  /** Set by `close()`: no more odds are asked for, and late answers are dropped. */
  private closed = false;

  constructor(
    private readonly services: RoomServices,
    /** The clock of retention (tests give their own). */
    private readonly now: () => number = Date.now,
    options: WorkshopServiceOptions | (() => number) = {},
  ) {
    const opts = typeof options === "function" ? { random: options } : options;
    this.random = opts.random ?? Math.random;
    this.odds = opts.odds ?? null;
    this.oddsTimeoutMs = opts.oddsTimeoutMs ?? 30_000;
    inBackground(this.sweep(), "deleting expired workshops");
    this.sweeper = setInterval(
      () => inBackground(this.sweep(), "deleting expired workshops"),
      60 * 60_000,
    );
    this.sweeper.unref();
  }

  /** `POST /api/workshops`: a new workshop (the create limit was taken by the caller). */
  async create(input: unknown): Promise<Answer> {
    const parsed = workshopOptionsSchema.safeParse(input);
    if (!parsed.success) return fail(400, "bad_options", describeIssues(parsed.error));
    const options = parsed.data;
    const scenario = await this.services.scenarios.load(options.scenario);
    if (!scenario)
      return fail(
        404,
        "scenario_not_found",
        `Unknown scenario "${options.scenario}": use a preset's id or the id an upload returned.`,
      );
    const roles = tableRoles(options, scenario.seats);
    const seatsProblem = seatMixProblem(scenario, roles);
    if (seatsProblem) return fail(400, "bad_options", seatsProblem);
    let code = newCode();
    while (this.live.has(code) || (await this.services.store.workshopByCode(code)))
      code = newCode();
    const secret = nanoid(32);
    const projectorKey = nanoid(32);
    const createdAt = this.now();
    const data: WorkshopData = {
      id: nanoid(12),
      code,
      secretHash: hash(secret).toString("hex"),
      projectorHash: hash(projectorKey).toString("hex"),
      createdAt,
      expiresAt: createdAt + this.services.config.workshopDays * DAY,
      options,
      roles,
      chat: options.chat,
      filter: options.filter,
      showCode: true,
      messages: [],
      students: [],
      tables: [],
    };
    const workshop = new Workshop(data, scenario);
    workshop.lobbies = Promise.resolve();
    this.live.set(code, workshop);
    this.save(workshop);
    const base = this.services.config.publicUrl;
    const body: WorkshopCreated = {
      secret,
      link: `${base}/?workshop=${code}`,
      // The secret rides in the fragment: browsers never send it to a server or a referrer.
      facilitatorLink: `${base}/?workshop=${code}#secret=${secret}`,
      projectorKey,
      projectorLink: `${base}/?workshop=${code}&view=projector#key=${projectorKey}`,
      expiresAt: data.expiresAt,
      ...this.summary(workshop),
    };
    return { status: 201, body };
  }

  /** `GET /api/workshops/:code`: what a student's join page shows, with a nickname to offer. */
  async about(code: string): Promise<Answer> {
    const workshop = await this.find(code);
    if (!workshop) return noWorkshop(code);
    return {
      status: 200,
      body: { ...this.summary(workshop), nickname: this.freeNickname(workshop) },
    };
  }

  /** `POST /api/workshops/:code/join`: a student is seated (or back in their seat). */
  async join(code: string, input: unknown): Promise<Answer> {
    const workshop = await this.find(code);
    if (!workshop) return noWorkshop(code);
    const parsed = studentJoinSchema.safeParse(input);
    if (!parsed.success) return fail(400, "bad_options", describeIssues(parsed.error));
    return workshop.serially(() => this.seat(workshop, parsed.data));
  }

  /**
   * Whether `secret` is this workshop's: the only door to the cockpit, the commands, the debrief
   * and the export. With `projector`, the projector key opens it too (the projector view only).
   */
  async check(code: string, secret: string | null, projector = false): Promise<Answer | Workshop> {
    if (secret === null)
      return fail(
        401,
        "no_secret",
        projector
          ? "The projector takes the projector key or the facilitator's secret (Authorization: Bearer …)."
          : "The cockpit takes the facilitator's secret (Authorization: Bearer …).",
      );
    const workshop = await this.find(code);
    if (!workshop) return noWorkshop(code);
    const given = hash(secret);
    const matches = (hex: string | undefined) =>
      hex !== undefined && timingSafeEqual(given, Buffer.from(hex, "hex"));
    if (matches(workshop.data.secretHash)) return workshop;
    if (projector && matches(workshop.data.projectorHash)) return workshop;
    return fail(
      403,
      "wrong_secret",
      projector
        ? "That is neither this workshop's projector key nor its facilitator secret."
        : "That is not this workshop's facilitator secret.",
    );
  }

  /** `GET /api/workshops/:code/cockpit`: every table's true state, for the facilitator only. */
  cockpit(workshop: Workshop): Answer {
    const idleMs = this.services.config.workshopIdleSeconds * 1000;
    const wallNow = Date.now();
    const students: CockpitStudent[] = workshop.data.students
      .filter((s) => !s.removed)
      .map((s) => {
        const person = s.table
          ? workshop.rooms.get(s.table)?.courseOf.table.people.get(s.id)
          : undefined;
        const connected = person?.sessionId != null;
        return {
          id: s.id,
          nickname: s.nickname,
          table: s.table,
          seat: s.seat,
          watching: s.seat === null,
          connected,
          idle: connected && wallNow - person!.lastActiveAt > idleMs,
          muted: s.muted,
          help: person?.help ?? false,
        };
      });
    const byId = new Map(students.map((s) => [s.id, s]));
    const tables = workshop.data.tables.map((rec): CockpitTable => {
      const room = workshop.rooms.get(rec.code);
      if (!room)
        return {
          code: rec.code,
          live: false,
          stage: rec.stage,
          chat: rec.chat,
          gameId: rec.gameId,
        };
      const course = room.courseOf;
      const info = course.tableInfo();
      const game = course.game;
      const state = game?.state;
      const last = state?.history.at(-1);
      return {
        code: rec.code,
        live: true,
        stage: info.stage,
        round: info.round,
        rounds: info.rounds,
        phase: info.phase === "lobby" ? null : info.phase,
        remainingMs: info.stage === "playing" ? info.remainingMs : null,
        paused: info.paused,
        chat: rec.chat,
        gameId: info.gameId,
        seats: info.seats.map((seat) => {
          const student = seat.player ? byId.get(seat.player) : undefined;
          return {
            id: seat.id,
            role: seat.role,
            name: seat.name,
            student: student?.id ?? null,
            nickname: student?.nickname ?? null,
            // Whether a bot plays the seat now (in the lobby: never).
            bot: seat.bot !== null,
            connected: student?.connected ?? false,
            idle: student?.idle ?? false,
            help: student?.help ?? false,
          };
        }),
        watchers: students.filter((s) => s.table === rec.code && s.watching).map((s) => s.id),
        truth: state
          ? {
              welfare: last?.welfare ?? state.startWelfare,
              proxy: last?.proxy ?? state.startProxy,
              start: { welfare: state.startWelfare, proxy: state.startProxy },
              risks: Object.fromEntries(ATTRACTORS.map((a, i) => [a, state.risks[i]!])) as Record<
                Attractor,
                number
              >,
              ending: state.ending,
            }
          : null,
        injects: state ? injectStatus(state) : null,
        regulations: (state?.regulations ?? []).map((r) => ({
          id: r.reg,
          strength: r.strength,
          scope: r.scope,
          proposer: r.proposer,
          passedRound: r.passedRound,
        })),
        odds: rec.odds?.at(-1) ?? null,
        watchToken: rec.watchToken ?? "",
        silentWatchers: room.silentWatchers,
      };
    });
    const body: Cockpit = {
      ...this.summary(workshop),
      createdAt: workshop.data.createdAt,
      expiresAt: workshop.data.expiresAt,
      showCode: workshop.data.showCode ?? true,
      students,
      tables,
    };
    return { status: 200, body };
  }

  /** `POST /api/workshops/:code/control`: a facilitator's command, for one table or all. */
  async control(workshop: Workshop, input: unknown): Promise<Answer> {
    const parsed = controlSchema.safeParse(input);
    if (!parsed.success) return fail(400, "bad_command", describeIssues(parsed.error));
    return workshop.serially(async () => {
      const answer = await this.command(workshop, parsed.data);
      this.save(workshop);
      return answer;
    });
  }

  /** Deletes every workshop past its retention, its tables' rooms and saved games. */
  async sweep(): Promise<string[]> {
    const gone = await this.services.store.deleteExpiredWorkshops(this.now(), (json) =>
      (JSON.parse(json) as WorkshopData).tables.flatMap((t) => (t.gameId ? [t.gameId] : [])),
    );
    for (const [code, workshop] of this.live)
      if (workshop.data.expiresAt <= this.now()) gone.push(code);
    for (const code of new Set(gone)) {
      const workshop = this.live.get(code);
      this.live.delete(code);
      for (const room of workshop?.rooms.values() ?? []) room.workshopClose();
    }
    return [...new Set(gone)];
  }

  /**
   * Saves every workshop (the server is closing), each table's stage and game as its room has
   * them, and stops the sweeper. Odds still being computed are dropped when they answer (the
   * store may be closed by then), and no new ones are asked for. The tables' rooms close after
   * this and save their workshop once more as they go.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const workshop of this.live.values()) {
      for (const rec of workshop.data.tables) {
        const course = workshop.rooms.get(rec.code)?.courseOf;
        if (!course) continue;
        rec.stage = course.stage;
        rec.gameId = course.game?.options.gameId ?? rec.gameId;
      }
      this.save(workshop);
    }
  }

  /**
   * Where odds come from from now on (the server's worker pool; tests give a fake), and how long
   * a table waits for an answer before it may ask again (a later answer is still kept).
   */
  setOddsSource(source: OddsSource | null, timeoutMs = this.oddsTimeoutMs): void {
    this.odds = source;
    this.oddsTimeoutMs = timeoutMs;
  }

  // The projector, the debrief and the export.

  /** `GET /api/workshops/:code/projector`: every table side by side, true welfare only at the end. */
  async projector(workshop: Workshop): Promise<Answer> {
    await this.rebuildClosed(workshop);
    const tables = workshop.data.tables.map((rec) => {
      const source = this.source(workshop, rec, false);
      const room = workshop.rooms.get(rec.code);
      const info = room?.courseOf.tableInfo();
      const students = workshop.data.students.filter(
        (s) => !s.removed && s.table === rec.code,
      ).length;
      return projectorTable(source, {
        round: info?.round ?? source.history.at(-1)?.round ?? 0,
        rounds: info?.rounds ?? FORMATS[workshop.data.options.format].rounds,
        phase: info && info.phase !== "lobby" ? info.phase : null,
        remainingMs: info && info.stage === "playing" ? info.remainingMs : null,
        paused: info?.paused ?? false,
        students,
      });
    });
    const showCode = workshop.data.showCode ?? true;
    const body: ProjectorView = {
      code: workshop.data.code,
      showCode,
      link: `${this.services.config.publicUrl}/?workshop=${workshop.data.code}`,
      messages: [...(workshop.data.messages ?? [])],
      tables,
    };
    return { status: 200, body };
  }

  /** `GET /api/workshops/:code/debrief`: the tables compared, and questions for the discussion. */
  async debrief(workshop: Workshop): Promise<Answer> {
    await this.rebuildClosed(workshop);
    const tables = this.debriefTables(workshop);
    const body: WorkshopDebrief = {
      code: workshop.data.code,
      scenario: workshop.data.options.scenario,
      tables,
      separated: separatedSentences(tables),
      questions: discussionQuestions(tables),
    };
    return { status: 200, body };
  }

  /** `GET /api/workshops/:code/export.csv`: one row per decision of every table. */
  async exportCsv(workshop: Workshop): Promise<string> {
    await this.rebuildClosed(workshop);
    return exportCsv(exportRows(this.sources(workshop)));
  }

  /** `GET /api/workshops/:code/export.json`: every table by round and decision. */
  async exportJson(workshop: Workshop): Promise<WorkshopExport> {
    await this.rebuildClosed(workshop);
    const sources = this.sources(workshop);
    return exportJson(
      {
        code: workshop.data.code,
        scenario: workshop.data.options.scenario,
        exportedAt: Date.now(),
      },
      sources,
      sources.map(debriefTable),
    );
  }

  private debriefTables(workshop: Workshop): DebriefTable[] {
    return this.sources(workshop).map(debriefTable);
  }

  private sources(workshop: Workshop): TableSource[] {
    return workshop.data.tables.map((rec) => this.source(workshop, rec, true));
  }

  /**
   * One table as the reports see it: its live game, or its saved game rebuilt from the log (as
   * far as it was played; by `rebuildClosed`, before this). `full`: with every regulation it
   * passed (a replay of a live game's log; the projector counts the game's "passed" news
   * instead).
   */
  private source(workshop: Workshop, rec: TableRecord, full: boolean): TableSource {
    const odds = rec.odds ?? [];
    const room = workshop.rooms.get(rec.code);
    if (room) {
      const course = room.courseOf;
      const game = course.game;
      const state = game?.state ?? null;
      const log = game?.log() ?? null;
      const rounds = state?.history.length ?? 0;
      return {
        code: rec.code,
        stage: course.stage,
        state,
        log,
        history: state?.history ?? [],
        people: course.table.seatedNames(),
        odds,
        passed: full ? passedRegulations(log, state, rounds) : [],
      };
    }
    const cached = rec.gameId ? workshop.rebuilt.get(rec.gameId) : undefined;
    if (cached) return { ...cached, odds };
    return {
      code: rec.code,
      stage: rec.stage,
      state: null,
      log: null,
      history: [],
      people: {},
      odds,
      passed: [],
    };
  }

  /**
   * Reads the saved game of every closed table not rebuilt yet and rebuilds it from its log
   * (for `source`). A closed table's saved game no longer changes: rebuilt once, kept for the
   * next poll.
   */
  private async rebuildClosed(workshop: Workshop): Promise<void> {
    for (const rec of workshop.data.tables)
      if (rec.gameId && !workshop.rooms.has(rec.code) && !workshop.rebuilt.has(rec.gameId)) {
        const saved = await this.services.store.get(rec.gameId);
        if (saved) workshop.rebuilt.set(saved.id, this.rebuild(rec, saved));
      }
  }

  private rebuild(rec: TableRecord, saved: SavedGame): TableSource {
    const odds = rec.odds ?? [];
    const byUid = new Map<number, GameState["regulations"][number]>();
    let state: GameState | null = null;
    try {
      state = replayRounds(saved.log, saved.history.length, (s) => {
        for (const r of s.regulations) byUid.set(r.uid, r);
      });
    } catch (error) {
      console.error(`[workshops] table ${rec.code}'s saved game did not replay:`, error);
    }
    const built: TableSource = {
      code: rec.code,
      stage: saved.status === "ended" ? "ended" : rec.stage,
      state,
      log: saved.log,
      history: state?.history ?? saved.history,
      people: saved.people,
      odds,
      passed: [...byUid.values()].sort((a, b) => a.passedRound - b.passedRound || a.uid - b.uid),
    };
    return built;
  }

  // Odds from here.

  /**
   * A table's round has opened: its odds are asked of the source with a copy of the state (to
   * be in within `ODDS_BUDGET_MS`: on a busy machine the source plays fewer runs), and kept
   * whenever they come. Never waits, never throws: a failure is logged and skipped, and a round
   * that opens while the table's last computation runs is skipped too, unless that one has
   * taken longer than the timeout (its answer is still kept if it comes).
   */
  private roundOpened(workshop: Workshop, rec: TableRecord, state: GameState): void {
    const source = this.odds;
    if (!source || this.closed) return;
    if (workshop.oddsPending.has(rec.code)) {
      console.warn(`[workshops] table ${rec.code}: odds of round ${state.round} skipped (busy)`);
      return;
    }
    let copy: GameState;
    try {
      copy = cloneState(state);
    } catch (error) {
      console.error(`[workshops] table ${rec.code}: odds of round ${state.round} failed:`, error);
      return;
    }
    workshop.oddsPending.add(rec.code);
    const by = Date.now() + ODDS_BUDGET_MS;
    // The source is called after the table's step has returned, never inside it.
    setImmediate(() => this.askOdds(source, workshop, rec, copy, by));
  }

  private askOdds(
    source: OddsSource,
    workshop: Workshop,
    rec: TableRecord,
    copy: GameState,
    by: number,
  ) {
    const round = copy.round;
    const skipped = (error: unknown) =>
      console.error(`[workshops] table ${rec.code}: odds of round ${round} skipped:`, error);
    const live = () => !this.closed && this.live.get(workshop.data.code) === workshop;
    let pending: Promise<OddsPoint>;
    try {
      pending = source.compute(copy, undefined, by);
    } catch (error) {
      skipped(error);
      workshop.oddsPending.delete(rec.code);
      return;
    }
    const ms = this.oddsTimeoutMs;
    const timer = setTimeout(() => {
      release();
      console.warn(
        `[workshops] table ${rec.code}: odds of round ${round}: no answer in ${ms} ms (kept if it comes; the next round asks again)`,
      );
    }, ms);
    timer.unref();
    // Once only: after a timeout the table may have asked again, and that request is pending.
    let waiting = true;
    const release = () => {
      if (!waiting) return;
      waiting = false;
      clearTimeout(timer);
      workshop.oddsPending.delete(rec.code);
    };
    pending
      .then((point) => {
        if (!live()) return;
        if (!validPoint(point)) throw new Error("the odds source answered something else");
        rec.odds = rec.odds ?? [];
        const points = rec.odds;
        // The round is the table's, whatever the source says; one point per round, in order.
        const fresh: OddsPoint = { ...point, round };
        const at = points.findIndex((p) => p.round >= round);
        if (at === -1) points.push(fresh);
        else if (points[at]!.round === round) points[at] = fresh;
        else points.splice(at, 0, fresh);
        workshop.oddsUnsaved = true;
      })
      .catch(skipped)
      .finally(() => {
        release();
        // One save once every table's odds are in, not one a table: each writes the workshop.
        if (workshop.oddsUnsaved && workshop.oddsPending.size === 0) {
          workshop.oddsUnsaved = false;
          if (live()) this.save(workshop);
        }
      });
  }

  // Students.

  private async seat(
    workshop: Workshop,
    join: { nickname?: string; token?: string },
  ): Promise<Answer> {
    const students = workshop.data.students;
    const known = join.token ? students.find((s) => s.token === join.token) : undefined;
    if (known?.removed)
      return fail(403, "removed", "The facilitator removed you from this workshop.");
    if (known) return { status: 200, body: this.seatAnswer(workshop, known) };
    if (students.length >= MAX_STUDENTS)
      return fail(409, "workshop_full", `This workshop has ${MAX_STUDENTS} students already.`);
    const nickname = join.nickname ?? this.freeNickname(workshop);
    if (workshop.data.filter && isFiltered(nickname))
      return fail(400, "filtered", "That nickname is not allowed here; choose another.");
    const taken = new Set(students.filter((s) => !s.removed).map((s) => sameName(s.nickname)));
    if (taken.has(sameName(nickname)))
      return fail(409, "name_taken", `Someone here is called ${nickname} already; choose another.`);
    let place = placeStudent(this.plans(workshop), this.services.config.workshopMaxTables);
    if (place.kind === "newTable") {
      const opened = await this.openTable(workshop);
      if (opened) return opened;
      place = placeStudent(this.plans(workshop), this.services.config.workshopMaxTables);
    }
    if (place.kind === "newTable") return fail(503, "server_full", "No table could be opened.");
    const codes = this.liveCodes(workshop);
    const table = codes[place.table]!;
    const student: StudentRecord = {
      id: nanoid(10),
      nickname,
      token: nanoid(24),
      table,
      seat: place.kind === "seat" ? place.seat : null,
      muted: false,
      removed: false,
    };
    const refusal = workshop.rooms
      .get(table)!
      .workshopSeat({ id: student.id, token: student.token, name: nickname }, student.seat);
    if (refusal) return fail(409, refusal.code, refusal.message);
    students.push(student);
    this.save(workshop);
    return { status: 201, body: this.seatAnswer(workshop, student) };
  }

  private seatAnswer(workshop: Workshop, s: StudentRecord) {
    return {
      workshop: workshop.data.code,
      student: s.id,
      nickname: s.nickname,
      token: s.token,
      table: s.table,
      seat: s.seat,
      watching: s.seat === null,
      /** Whether the table's room is open (join it with `joinById(table, { name, seatToken })`). */
      live: s.table !== null && workshop.rooms.has(s.table),
    };
  }

  private freeNickname(workshop: Workshop): string {
    const taken = new Set(workshop.data.students.map((s) => sameName(s.nickname)));
    for (let i = 0; i < 50; i++) {
      const name = randomNickname(this.random);
      if (!taken.has(sameName(name))) return name;
    }
    return `Student ${workshop.data.students.length + 1}`;
  }

  private liveCodes(workshop: Workshop): string[] {
    return workshop.data.tables.map((t) => t.code).filter((c) => workshop.rooms.has(c));
  }

  /** The live tables as `placeStudent` sees them, in the order they were opened. */
  private plans(workshop: Workshop): TablePlan[] {
    return this.liveCodes(workshop).map((code) => {
      const course = workshop.rooms.get(code)!.courseOf;
      return {
        started: course.stage !== "lobby",
        seats: course.table.seats.map((s) => ({
          id: s.id,
          role: s.role,
          taken: s.player !== null,
        })),
        watchers: [...course.table.people.values()].filter((p) => p.spectator).length,
      };
    });
  }

  /** Opens one more table (a room made by the server); an answer if it could not. */
  private async openTable(workshop: Workshop): Promise<Answer | null> {
    const scenario = workshop.scenario;
    if (!scenario)
      return fail(
        410,
        "closed",
        "This workshop's scenario is no longer on the server: no table can be opened.",
      );
    if (this.services.rooms.size >= this.services.config.maxRooms)
      return fail(503, "server_full", "The server runs as many tables as it can; try again later.");
    const record: TableRecord = {
      code: "",
      chat: workshop.data.chat,
      stage: "lobby",
      gameId: null,
    };
    record.watchToken = nanoid(24);
    await this.openRoom(workshop, record, scenario, true, null);
    return null;
  }

  /**
   * Creates the room of one of the workshop's tables (the server makes it): a new table (`isNew`:
   * its record joins the workshop's) or, after a restart, a lobby table again, under `code` (taken
   * back by the caller) or a fresh one (null). The room once it exists.
   */
  private async openRoom(
    workshop: Workshop,
    record: TableRecord,
    scenario: Scenario,
    isNew: boolean,
    code: string | null,
  ): Promise<GameRoom | null> {
    const key = nanoid(21);
    const spec = this.tableSpec(workshop, record, scenario, isNew);
    this.services.workshopTables.set(key, code === null ? spec : { ...spec, code });
    try {
      await matchMaker.createRoom(
        ROOM_NAME,
        code === null ? { workshopTable: key } : { workshopTable: key, keepCode: true },
      );
    } finally {
      this.services.workshopTables.delete(key);
    }
    return workshop.rooms.get(record.code) ?? null;
  }

  /** `reopenLobbies` once per load of the workshop, behind its other operations. */
  private lobbiesBack(workshop: Workshop): Promise<void> {
    workshop.lobbies ??= workshop
      .serially(() => this.reopenLobbies(workshop))
      .catch((error: unknown) =>
        console.error(
          `[workshops] ${workshop.data.code}: reopening its lobby tables failed:`,
          error,
        ),
      );
    return workshop.lobbies;
  }

  /**
   * After a restart: every table of the workshop still in its lobby whose room is not open
   * (nothing of a lobby is saved but the workshop's record) is a room again under its code, and
   * every student recorded there (not removed) is seated again at their seat, or watching, for
   * their token: their seat token joins it as before, and the cockpit starts it. A table whose
   * game did start (its row is in the records: the restore brings it back) is left to the
   * restore. A table whose code another took while the server was down (a new table given it)
   * opens under a fresh code, its students' records moved with it. Never throws: a table that
   * could not open is logged and stays closed.
   */
  private async reopenLobbies(workshop: Workshop): Promise<void> {
    const scenario = workshop.scenario;
    const closed = () =>
      workshop.data.tables.filter((t) => t.stage === "lobby" && !workshop.rooms.has(t.code));
    if (!scenario || closed().length === 0) return;
    let inPlay: Set<string>;
    try {
      inPlay = new Set((await this.services.store.tablesInPlay()).map((t) => t.code));
    } catch (error) {
      console.error(`[workshops] ${workshop.data.code}: its lobby tables stay closed:`, error);
      return;
    }
    let changed = false;
    for (const record of closed()) {
      if (inPlay.has(record.code)) continue;
      if (this.services.rooms.size >= this.services.config.maxRooms) {
        console.error(`[workshops] ${workshop.data.code}: the server is full, lobbies stay closed`);
        break;
      }
      const was = record.code;
      let kept = false;
      let room: GameRoom | null = null;
      try {
        kept = await this.services.codes.take(was);
        room = await this.openRoom(workshop, record, scenario, false, kept ? was : null);
      } catch (error) {
        console.error(`[workshops] table ${was} could not be opened again:`, error);
      }
      if (!room) {
        if (kept && ![...this.services.rooms].some((r) => r.roomId === was))
          this.services.codes.release(was);
        continue;
      }
      if (room.roomId !== was)
        console.warn(
          `[workshops] table ${was}'s code was taken while the server was down: its students sit at ${room.roomId} now`,
        );
      for (const student of workshop.data.students) {
        if (student.removed || student.table !== was) continue;
        student.table = room.roomId;
        const who = { id: student.id, token: student.token, name: student.nickname };
        if (room.workshopSeat(who, student.seat)) {
          // (Their seat is not at the table any more: they watch it.)
          student.seat = null;
          room.workshopSeat(who, null);
        }
        if (student.muted) room.workshopMute(student.id, true);
      }
      changed = true;
    }
    if (changed) this.save(workshop);
  }

  /**
   * How the server creates (or, after a restart, restores) one of the workshop's tables: its
   * scenario, settings and hooks, and what its room's creation and closing do to the record.
   */
  private tableSpec(
    workshop: Workshop,
    record: TableRecord,
    scenario: Scenario,
    isNew: boolean,
  ): WorkshopTableSpec<GameRoom> {
    const format = FORMATS[workshop.data.options.format];
    // (A table recorded before watch tokens existed gets one now.)
    record.watchToken ??= nanoid(24);
    const hooks: WorkshopHooks = {
      workshopId: workshop.data.id,
      watchToken: record.watchToken,
      roundOpened: (state) => this.roundOpened(workshop, record, state),
      timeFactor: format.timeFactor,
      ...(record.lobbyChat ? { lobbyChat: record.lobbyChat } : {}),
      lobbyChatSaid: (lines) => {
        record.lobbyChat = [...lines];
        if (this.live.get(workshop.data.code) === workshop) this.save(workshop);
      },
      chatRefusal: (_person, text) => {
        if (!record.chat)
          return refuse("chat_off", "The facilitator has turned chat off at this table.");
        if (workshop.data.filter && isFiltered(text))
          return refuse("filtered", "The workshop's word filter refused that line; nobody saw it.");
        return null;
      },
    };
    return {
      scenario: { ...scenario, seats: workshop.data.roles },
      create: { name: "Facilitator", mode: "private", rounds: format.rounds, speed: "standard" },
      hooks,
      created: (room) => {
        record.code = room.roomId;
        if (isNew) workshop.data.tables.push(record);
        workshop.rooms.set(room.roomId, room as GameRoom);
      },
      disposed: (room) => {
        record.stage = (room as GameRoom).courseOf.stage;
        record.gameId = (room as GameRoom).courseOf.game?.options.gameId ?? record.gameId;
        workshop.rooms.delete(room.roomId);
        if (this.live.get(workshop.data.code) === workshop) this.save(workshop);
      },
    };
  }

  /**
   * The server started again: every saved table of a workshop (`restore.ts`) comes back under
   * its code, re-attached to its workshop, so the cockpit runs it and its students get their
   * seats back with their tokens. A table whose workshop is gone (deleted, past its retention)
   * is dropped. Returns the codes of the tables back.
   */
  async restoreTables(saved: readonly SavedTable[]): Promise<string[]> {
    const back: string[] = [];
    const touched = new Set<Workshop>();
    for (const table of saved) {
      const workshop = await this.byId(table.setup.workshopId);
      const record = workshop?.table(table.code);
      if (!workshop || !record) {
        inBackground(this.services.store.dropTable(table.code), `dropping table ${table.code}`);
        this.services.codes.release(table.code);
        continue;
      }
      const base = table.setup.scenario;
      const spec = this.tableSpec(workshop, record, base, false);
      const room = await restoreTable(this.services, { ...table, workshop: spec });
      if (!room) continue;
      record.stage = "playing";
      record.gameId = table.setup.gameId;
      touched.add(workshop);
      back.push(table.code);
    }
    for (const workshop of touched) this.save(workshop);
    // Loaded here with its tables in play: its lobby tables open here too.
    for (const workshop of touched) await this.lobbiesBack(workshop);
    return back;
  }

  /** A live workshop by its id, loaded from the store (whole, with its scenario) if need be. */
  private async byId(id: string | null): Promise<Workshop | null> {
    if (id === null) return null;
    for (const workshop of this.live.values()) if (workshop.data.id === id) return workshop;
    const stored = await this.services.store.workshopById(id);
    if (!stored || stored.expiresAt <= this.now()) return null;
    return this.load(stored);
  }

  /**
   * A workshop read from the records made live, with its scenario (null if it is gone from the
   * server: no table opens then). Another request or restore may have loaded it meanwhile: one
   * Workshop per code, the first.
   */
  private async load(stored: StoredWorkshop): Promise<Workshop> {
    const data = JSON.parse(stored.json) as WorkshopData;
    const scenario = (await this.services.scenarios.load(data.options.scenario)) ?? null;
    const loaded = this.live.get(data.code);
    if (loaded) return loaded;
    const workshop = new Workshop(data, scenario);
    this.live.set(data.code, workshop);
    return workshop;
  }

  // The facilitator's commands.

  private async command(workshop: Workshop, c: Control): Promise<Answer> {
    switch (c.command) {
      case "start":
        // One table at a time, `workshopStartSpacingMs` apart (150 ms): a class's first views
        // and first moves then come table by table instead of one burst that stalls them all.
        return this.eachTable(
          workshop,
          c.table,
          (room) => {
            if (room.courseOf.table.people.size === 0)
              return refuse("empty", "No student sits at this table; it was not started.");
            return this.tableCommand(workshop, room, () => room.workshopCommand("start", {}));
          },
          this.services.config.workshopStartSpacingMs,
        );
      case "pause":
      case "resume":
      case "skip":
      case "extend":
        return this.eachTable(workshop, c.table, (room) =>
          this.tableCommand(workshop, room, () =>
            c.command === "extend"
              ? room.workshopCommand("extend", { seconds: c.seconds })
              : room.workshopCommand(c.command, {}),
          ),
        );
      case "chat":
        if (c.table === "all") workshop.data.chat = c.on;
        return this.eachTable(workshop, c.table, (room) => {
          workshop.table(room.roomId)!.chat = c.on;
          return null;
        });
      case "inject":
        return this.eachTable(workshop, c.table, (room) => room.workshopInject(c.inject));
      case "filter":
        workshop.data.filter = c.on;
        return { status: 200, body: { ok: true, results: [] } };
      case "message": {
        const answer = await this.eachTable(workshop, c.table, (room) => {
          room.workshopAnnounce(c.text);
          return null;
        });
        if (answer.status === 200) {
          workshop.data.messages = workshop.data.messages ?? [];
          const messages = workshop.data.messages;
          messages.push({
            at: Date.now(),
            table: c.table === "all" ? null : c.table,
            text: c.text,
          });
          messages.splice(0, Math.max(0, messages.length - MAX_MESSAGES));
        }
        return answer;
      }
      case "showCode":
        workshop.data.showCode = c.on;
        return { status: 200, body: { ok: true, results: [] } };
      case "helped": {
        const student = workshop.data.students.find((s) => s.id === c.student && !s.removed);
        if (!student) return fail(404, "not_found", `No student ${c.student} in this workshop.`);
        const room = student.table ? workshop.rooms.get(student.table) : undefined;
        const refusal = room ? room.workshopHelped(student.id, HELPED_TEXT) : null;
        if (refusal) return fail(404, refusal.code, refusal.message);
        return { status: 200, body: { ok: true, results: [] } };
      }
      case "mute":
      case "remove": {
        const student = workshop.data.students.find((s) => s.id === c.student && !s.removed);
        if (!student) return fail(404, "not_found", `No student ${c.student} in this workshop.`);
        const room = student.table ? workshop.rooms.get(student.table) : undefined;
        if (c.command === "mute") {
          student.muted = c.muted;
          room?.workshopMute(student.id, c.muted);
        } else {
          student.removed = true;
          room?.workshopRelease(student.id, "removed");
          student.table = null;
          student.seat = null;
        }
        return { status: 200, body: { ok: true, results: [] } };
      }
      case "move":
        return this.move(workshop, c.student, c.table, c.seat);
    }
  }

  /** A clock command at one table, its record brought up to date (its game, its stage). */
  private tableCommand(
    workshop: Workshop,
    room: GameRoom,
    run: () => Refusal | null,
  ): Refusal | null {
    const refusal = run();
    const course = room.courseOf;
    const record = workshop.table(room.roomId);
    if (record && course.game) {
      record.gameId = course.game.options.gameId;
      record.stage = course.stage;
    }
    return refusal;
  }

  /**
   * Runs a command at one table (by code) or every live table; the answer lists each result.
   * With `spacingMs`, the tables run it one after another that far apart (a table closed
   * meanwhile is refused), and the answer comes once the last has; without, all at once.
   */
  private async eachTable(
    workshop: Workshop,
    target: string,
    work: (room: GameRoom) => Refusal | null,
    spacingMs = 0,
  ): Promise<Answer> {
    const missing = this.missingTable(workshop, target);
    if (missing) return missing;
    const codes = target === "all" ? this.liveCodes(workshop) : [target];
    const results: [string, Refusal | null][] = [];
    for (const [i, code] of codes.entries()) {
      if (i > 0 && spacingMs > 0) await new Promise((resolve) => setTimeout(resolve, spacingMs));
      const room = workshop.rooms.get(code);
      results.push([code, room ? work(room) : refuse("closed", `Table ${code} is closed.`)]);
    }
    return tableResults(results);
  }

  /** The answer to a command for a table this workshop does not run now, or null. */
  private missingTable(workshop: Workshop, target: string): Answer | null {
    if (target === "all" || workshop.rooms.has(target)) return null;
    return fail(
      404,
      "not_found",
      workshop.table(target)
        ? `Table ${target} is closed.`
        : `No table ${target} in this workshop.`,
    );
  }

  /** Moves a student to another seat or table before either table starts. */
  private move(workshop: Workshop, id: string, to: string, seat: SeatId | undefined): Answer {
    const student = workshop.data.students.find((s) => s.id === id && !s.removed);
    if (!student) return fail(404, "not_found", `No student ${id} in this workshop.`);
    const target = workshop.rooms.get(to);
    if (!target) return fail(404, "not_found", `No open table ${to} in this workshop.`);
    const source = student.table ? workshop.rooms.get(student.table) : undefined;
    if (target.courseOf.stage !== "lobby" || (source && source.courseOf.stage !== "lobby"))
      return fail(409, "wrong_stage", "Students are moved before their tables start.");
    const free = target.courseOf.table.seats.find((s) => s.player === null);
    const wanted = seat ?? free?.id;
    if (!wanted) return fail(409, "seat_taken", `Table ${to} has no free seat.`);
    if (source === target) {
      const refusal = target.workshopMoveSeat(student.id, wanted);
      if (refusal) return fail(409, refusal.code, refusal.message);
    } else {
      const refusal = target.workshopSeat(
        { id: student.id, token: student.token, name: student.nickname },
        wanted,
      );
      if (refusal) return fail(409, refusal.code, refusal.message);
      source?.workshopRelease(student.id, { moved: to });
      if (student.muted) target.workshopMute(student.id, true);
    }
    student.table = to;
    student.seat = wanted;
    return {
      status: 200,
      body: { ok: true, results: [], student: this.seatAnswer(workshop, student) },
    };
  }

  // Records.

  private async find(code: string): Promise<Workshop | null> {
    if (!WORKSHOP_CODE.test(code)) return null;
    let workshop = this.live.get(code);
    if (!workshop) {
      const stored = await this.services.store.workshopByCode(code);
      if (!stored) return null;
      workshop = await this.load(stored);
    }
    if (workshop.data.expiresAt <= this.now()) {
      await this.sweep();
      return null;
    }
    // Loaded after a restart: its lobby tables open again before it answers anything.
    await this.lobbiesBack(workshop);
    return workshop;
  }

  private save(workshop: Workshop): void {
    const { id, code, createdAt, expiresAt } = workshop.data;
    inBackground(
      this.services.store.saveWorkshop({
        id,
        code,
        createdAt,
        expiresAt,
        json: JSON.stringify(workshop.data),
      }),
      `saving workshop ${code}`,
    );
  }

  private summary(workshop: Workshop): WorkshopSummary {
    const { code, options, roles, chat, filter } = workshop.data;
    const format = FORMATS[options.format];
    return {
      code,
      scenario: options.scenario,
      format: { minutes: options.format, rounds: format.rounds, timeFactor: format.timeFactor },
      seats: roles,
      chat,
      filter,
      tables: workshop.data.tables.length,
      students: workshop.data.students.filter((s) => !s.removed).length,
    };
  }
}

/** Whether an odds source's answer has the shape of a point (it is another module's code). */
function validPoint(p: unknown): p is OddsPoint {
  if (typeof p !== "object" || p === null) return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.runs === "number" &&
    typeof o.ms === "number" &&
    typeof o.shares === "object" &&
    o.shares !== null &&
    Object.values(o.shares).every((v) => typeof v === "number" && Number.isFinite(v))
  );
}

function noWorkshop(code: string): Answer {
  return fail(404, "not_found", `No workshop ${code.slice(0, 12)}.`);
}
