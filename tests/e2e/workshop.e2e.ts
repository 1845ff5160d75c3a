/**
 * Issue 11, "What it must show": a whole workshop in the browser. The facilitator creates it
 * from the title screen ("Run a workshop": 45 minutes, tables of four), a projector opens the
 * cockpit's projector link, and twelve students join by code: the first in a browser, from
 * the cockpit's students' link (the join page, a nickname, then their table's lobby), the
 * other eleven as protocol clients through the HTTP join API, as the join page does, each
 * setting a strategy every round. They are seated at three tables; from the cockpit's buttons
 * the facilitator starts, pauses all, pushes a crisis into one table, watches the browser's
 * student's table silently (the Watch button's new tab shows "Watching silently" in the top
 * bar and the table's round, the cockpit counts the watcher, and neither the students at
 * that table nor the watcher's own page list it among the table's people), sends a message
 * and resumes, and every table plays to its end on short timers. The cockpit shows every
 * table and its true welfare; the projector shows every table, the join code and the
 * message, and true welfare only once a table has ended (never odds or true risks); the
 * workshop debrief, opened from the cockpit's link, shows every table, the odds line and five
 * questions, and its export (downloaded from the page) holds every table. A student's token
 * is refused on the cockpit, projector, debrief, export and control routes, and a student's
 * host messages at their table are refused. axe (WCAG 2.0/2.1 A and AA, 2.2 AA) finds no
 * violation on the student's join page and lobby (390×844 and 1280×800), on the cockpit with
 * its tables listed before the start and in play (paused), on the projector and on the
 * debrief; screenshots of these, of the silent watch and of the cockpit, projector and
 * debrief at 1920×1080 and 1280×800 go to SHOTS_DIR.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Client, type Room } from "colyseus.js";
import { describe, expect, it } from "vitest";
import type { TableInfo } from "../../shared/protocol";
import { SLIDERS } from "../../shared/vocabulary";
import type {
  Cockpit,
  LiveTable,
  ProjectorView,
  StudentSeat,
  WorkshopDebrief,
} from "../../shared/workshop";
import { violations } from "./axe";
import { useServerAndBrowser } from "./env";
import { hook, openPage, recordErrors, SHOTS_DIR, shot, waitFor, waitScreen } from "./harness";

// Short timers (a round about 9 s), so three tables play eight rounds in a couple of minutes.
const env = useServerAndBrowser({ TIME_SCALE: "0.05" });

const SIZES = [
  { name: "1920x1080", width: 1920, height: 1080 },
  { name: "1280x800", width: 1280, height: 800 },
] as const;
/** The students' phone and laptop. */
const STUDENT_SIZES = [
  { name: "390x844", width: 390, height: 844 },
  { name: "1280x800", width: 1280, height: 800 },
] as const;
/** Twelve students: one in a browser, the others protocol clients. */
const STUDENTS = 12;
const ROLE_OF = { G: "government", L: "lab", C: "company" } as const;

async function api<T>(
  method: "GET" | "POST",
  path: string,
  options: { body?: unknown; bearer?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  const res = await fetch(`${env.server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV, or an error page: kept as text.
  }
  return { status: res.status, body: body as T };
}

/** Polls `probe` every 250 ms until it answers a value, or fails after `timeout`. */
async function until<T>(
  what: string,
  probe: () => Promise<T | null>,
  timeout = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await probe();
      if (v !== null) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${String(last)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A student's browser as the server sees it: joined by code, then at their table's room. */
interface Student {
  readonly seat: StudentSeat;
  readonly room: Room;
  readonly errors: { code: string }[];
  /** The table as this student last had it (what the server shows them of who is there). */
  table(): TableInfo | null;
}

async function joinStudent(code: string, i: number): Promise<Student> {
  const joined = await api<StudentSeat>("POST", `/api/workshops/${code}/join`, {
    body: { nickname: `Student ${i + 1}` },
  });
  expect(joined.status, JSON.stringify(joined.body)).toBeLessThan(300);
  const seat = joined.body;
  expect(seat.table).not.toBeNull();
  const client = new Client(`ws://127.0.0.1:${env.server.port}`);
  const room = await client.joinById(seat.table!, { name: seat.nickname, seatToken: seat.token });
  const errors: { code: string }[] = [];
  // Like a person at the table: in each round's Act, set a strategy (and a lab pledges), so
  // every table has decisions of its people in the log, the debrief and the export.
  let table: TableInfo | null = null;
  let actedIn = 0;
  const role = ROLE_OF[seat.seat![0] as keyof typeof ROLE_OF];
  room.onMessage("*", (type, body) => {
    if (type === "error") errors.push(body as { code: string });
    // Joined without patches: every table comes whole.
    else if (type === "table") table = body as TableInfo;
    else return;
    if (
      table?.stage === "playing" &&
      table.phase === "act" &&
      !table.paused &&
      actedIn < table.round
    ) {
      actedIn = table.round;
      const sliders = Object.fromEntries(SLIDERS[role].map((k) => [k, 0.5]));
      room.send("action", { action: { type: "setStrategy", sliders } });
      if (role === "lab") room.send("action", { action: { type: "pledge" } });
    }
  });
  return { seat, room, errors, table: () => table };
}

const live = (c: Cockpit) => c.tables.filter((t): t is LiveTable => t.live);

describe("a whole workshop", () => {
  it("runs from creation through play to the debrief and export, with students kept out", async () => {
    const started = Date.now();
    const errors: string[] = [];
    const browser = env.browser;

    // The facilitator creates the workshop from the title screen: 45 minutes, tables of four.
    const cockpitCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const cockpit = await openPage(cockpitCtx, errors);
    await cockpit.goto(`${env.server.url}/?tour=0`);
    await waitScreen(cockpit, "title");
    await cockpit.click("[data-testid=run-workshop]");
    await cockpit.waitForSelector("[data-testid=create-workshop]", { timeout: 30_000 });
    await cockpit.check("[data-testid=seats-size]");
    await cockpit.selectOption("[data-testid=table-size]", "4");
    await cockpit.click("[data-testid=format-45]");
    await cockpit.click("[data-testid=create-workshop]");
    await waitFor(cockpit, `location.hash.startsWith("#secret=")`, 30_000);
    const at = new URL(cockpit.url());
    const code = at.searchParams.get("workshop")!;
    const secret = new URLSearchParams(at.hash.slice(1)).get("secret")!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    const projectorLink = await cockpit.inputValue("#ws-link-projector", { timeout: 30_000 });
    const projectorKey = new URLSearchParams(new URL(projectorLink).hash.slice(1)).get("key")!;
    expect(projectorKey.length).toBeGreaterThan(20);
    const w = { code, secret, projectorKey, projectorLink };

    // A projector opens its link before anyone joins: the join code, large, and no table yet.
    const projCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const projector = await openPage(projCtx, errors);
    await projector.goto(w.projectorLink);
    await projector.waitForSelector("[data-testid=projector-code]", { timeout: 60_000 });
    expect((await projector.textContent("[data-testid=projector-code]"))?.trim()).toBe(code);

    // The first student opens the students' link from the cockpit: the join page offers a
    // nickname; once they join, their table's lobby. axe finds no violation on either, on a
    // phone or a laptop.
    const studentLink = await cockpit.inputValue("#ws-link-students");
    expect(new URL(studentLink).searchParams.get("workshop")).toBe(code);
    const sCtx = await browser.newContext({ viewport: STUDENT_SIZES[0] });
    const sPage = await openPage(sCtx, errors);
    const studentPage = async (state: string) => {
      for (const size of STUDENT_SIZES) {
        await sPage.setViewportSize({ width: size.width, height: size.height });
        await shot(sPage, `workshop-${state}-${size.name}`);
        expect(await violations(sPage), `${state} at ${size.name}`).toEqual([]);
      }
    };
    await sPage.goto(studentLink);
    await sPage.waitForSelector("[data-testid=nickname]", { timeout: 30_000 });
    await waitFor(
      sPage,
      `document.querySelector("[data-testid=join-status]").textContent.includes("joined")`,
    );
    await studentPage("join");
    await sPage.fill("[data-testid=nickname]", "Student 1");
    await sPage.click("[data-testid=workshop-join]");
    await waitScreen(sPage, "lobby", 60_000);
    await waitFor(sPage, `document.querySelector("[data-testid=ask-help]")?.checkVisibility()`);
    await studentPage("join-seated");

    // Eleven more join by code, and the twelve are seated at three tables of four.
    const students: Student[] = [];
    for (let i = 1; i < STUDENTS; i++) students.push(await joinStudent(code, i));
    const tables = [...new Set(students.map((s) => s.seat.table!))];
    expect(tables).toHaveLength(3);
    expect(students.every((s) => s.seat.seat !== null && !s.seat.watching)).toBe(true);
    // The table the browser's student sits at: the one the facilitator watches silently.
    const watched = (await hook(sPage)).code!;
    expect(tables).toContain(watched);
    const atWatched = students.filter((s) => s.seat.table === watched);
    expect(atWatched).toHaveLength(3);
    await waitFor(
      projector,
      `document.querySelectorAll("[data-testid=projector-table]").length === ${tables.length}`,
      30_000,
    );

    // axe finds no violation on the cockpit with its tables listed before the start, the links
    // and QR code open.
    await waitFor(
      cockpit,
      `${tables.map((t) => `document.querySelector('[data-testid="table-${t}"]') !== null`).join(" && ")} && document.querySelector("details.ws-links")?.open`,
    );
    expect(await violations(cockpit), "cockpit before the start").toEqual([]);

    // A student's token opens none of the facilitator's routes, and none opens without one.
    const student = students[0]!;
    const token = student.seat.token;
    for (const [method, route, body] of [
      ["GET", "cockpit", undefined],
      ["GET", "projector", undefined],
      ["GET", "debrief", undefined],
      ["GET", "export.csv", undefined],
      ["GET", "export.json", undefined],
      ["POST", "control", { command: "pause" }],
    ] as const) {
      const url = `/api/workshops/${code}/${route}`;
      const asStudent = await api(method, url, { body, bearer: token });
      expect(asStudent.status, `${route} with a student's token`).toBe(403);
      const anonymous = await api(method, url, { body });
      expect(anonymous.status, `${route} without a secret`).toBe(401);
    }
    // The projector key opens the projector, and nothing of the facilitator's.
    expect(
      (await api("GET", `/api/workshops/${code}/projector`, { bearer: w.projectorKey })).status,
    ).toBe(200);
    expect(
      (await api("GET", `/api/workshops/${code}/cockpit`, { bearer: w.projectorKey })).status,
    ).toBe(403);
    expect(
      (await api("GET", `/api/workshops/${code}/debrief`, { bearer: w.projectorKey })).status,
    ).toBe(403);

    const control = async (command: Record<string, unknown>) => {
      const res = await api<{ ok: boolean; results: { ok: boolean; code?: string }[] }>(
        "POST",
        `/api/workshops/${code}/control`,
        { body: command, bearer: secret },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const readCockpit = async () =>
      (await api<Cockpit>("GET", `/api/workshops/${code}/cockpit`, { bearer: secret })).body;

    // The facilitator starts every table from the cockpit, then pauses all at once.
    await cockpit.click("[data-testid=start-all]");
    await until("every table playing", async () => {
      const c = await readCockpit();
      return live(c).length === tables.length && live(c).every((t) => t.stage === "playing")
        ? c
        : null;
    });
    await cockpit.click("[data-testid=pause-all]");
    const atPause = await until("every table paused", async () => {
      const c = await readCockpit();
      return live(c).every((t) => t.paused) ? c : null;
    });
    // Pausing again is refused, table by table: every table is paused.
    const again = await control({ command: "pause" });
    expect(again.ok).toBe(false);
    expect(again.results).toHaveLength(tables.length);

    // A student's host messages at their table are refused.
    const notHost = () => student.errors.filter((e) => e.code === "not_host").length;
    student.room.send("pause", {});
    student.room.send("skip", {});
    await until("the student's commands refused", async () => (notHost() >= 2 ? true : null));

    // A crisis into one table while paused, a message to every table, then resume all.
    const target = tables[0]!;
    const catalogue = live(atPause).find((t) => t.code === target)!.injects!.catalogue;
    expect(catalogue.length).toBeGreaterThanOrEqual(6);
    const inject = catalogue[0]!.id;
    await cockpit.selectOption(`[data-testid="table-${target}"] .ws-inject-row select`, inject);
    await cockpit.click(`[data-testid="inject-${target}"]`);
    await until("the crisis queued or struck at its table", async () => {
      const t = live(await readCockpit()).find((x) => x.code === target)!;
      const s = t.injects!;
      return s.pending.includes(inject) || s.struck.some((x) => x.inject === inject) ? t : null;
    });
    // axe finds no violation on the cockpit with every table listed, in play.
    await waitFor(
      cockpit,
      tables
        .map(
          (t) => `document.querySelector('[data-testid="table-${t}"] .ws-stage-playing') !== null`,
        )
        .join(" && "),
    );
    await shot(cockpit, "workshop-cockpit-paused-1920x1080");
    expect(await violations(cockpit), "cockpit").toEqual([]);

    // The facilitator watches the browser's student's table silently: the cockpit's Watch opens
    // a new tab on the table's game, as a spectator nobody at the table is shown.
    const peopleOf = (players: readonly { id: string; name: string }[] | undefined) =>
      (players ?? []).map((p) => `${p.id} ${p.name}`).sort();
    await until("the watched table's students told of the pause", async () =>
      atWatched.every((s) => s.table()?.paused === true) ? true : null,
    );
    const shown = peopleOf(atWatched[0]!.table()!.players);
    expect(shown).toHaveLength(atWatched.length + 1);
    expect(atWatched[0]!.table()!.players.filter((p) => p.spectator)).toEqual([]);
    const watchedRound = live(atPause).find((t) => t.code === watched)!.round;
    const [watchPage] = await Promise.all([
      cockpitCtx.waitForEvent("page", { timeout: 30_000 }),
      cockpit.getByTestId(`table-${watched}`).getByRole("button", { name: "Watch" }).click(),
    ]);
    recordErrors(watchPage, errors);
    await waitScreen(watchPage, "game", 60_000);
    await waitFor(
      watchPage,
      `((b) => b && !b.hidden && b.textContent.includes("Watching silently"))(document.querySelector(".topbar [data-testid=watching]"))`,
    );
    const watcher = await hook(watchPage);
    expect(watcher.code).toBe(watched);
    expect(watcher.table?.round).toBe(watchedRound);
    expect(watcher.view?.seat).toBeNull();
    expect(await watchPage.textContent(".topbar [data-testid=round]")).toContain(
      `round ${watchedRound}/`,
    );
    // Not among the table's people, even on its own page; the cockpit counts it.
    expect(peopleOf(watcher.table?.players)).toEqual(shown);
    await until("the cockpit counts the silent watcher", async () =>
      live(await readCockpit()).find((t) => t.code === watched)?.silentWatchers === 1 ? true : null,
    );
    await shot(watchPage, "workshop-watch-1920x1080");

    const message = "Look at what your regulations do to well-being.";
    await cockpit.fill("[data-testid=message-text]", message);
    await cockpit.press("[data-testid=message-text]", "Enter");
    await waitFor(
      projector,
      `document.querySelector("[data-testid=projector-messages]")?.textContent.includes(${JSON.stringify(message)})`,
      30_000,
    );
    await cockpit.click("[data-testid=resume-all]");
    await until("every table resumed", async () =>
      live(await readCockpit()).every((t) => !t.paused || t.stage === "ended") ? true : null,
    );
    // Told of the resume, since the watcher came, the watched table's students are shown the
    // same people as before: no watcher, no spectator.
    await until("the watched table's students told of the resume", async () =>
      atWatched.every((s) => s.table()?.paused === false) ? true : null,
    );
    for (const s of atWatched) {
      expect(peopleOf(s.table()!.players), s.seat.nickname).toEqual(shown);
      expect(s.table()!.players.filter((p) => p.spectator)).toEqual([]);
    }
    await waitFor(sPage, "window.__attractor.state().table?.paused === false");
    expect(peopleOf((await hook(sPage)).table?.players)).toEqual(shown);
    // The watch tab closed, the table has no silent watcher left; the browser's student goes.
    await watchPage.close();
    await until("the silent watcher gone", async () =>
      live(await readCockpit()).find((t) => t.code === watched)?.silentWatchers === 0 ? true : null,
    );
    await sCtx.close();

    // While the tables play, the projector shows no true welfare, no odds and no true risks.
    await waitFor(
      projector,
      `[...document.querySelectorAll("[data-testid=projector-table]")].some((c) => c.dataset.stage === "playing" && c.querySelector("svg"))`,
      60_000,
    );
    const playing = (
      await api<ProjectorView>("GET", `/api/workshops/${code}/projector`, {
        bearer: w.projectorKey,
      })
    ).body;
    for (const t of playing.tables.filter((x) => x.stage !== "ended"))
      expect(t.series.every((r) => r.welfare === null)).toBe(true);
    expect(JSON.stringify(playing)).not.toMatch(/"odds"|"risks"|"truth"/);
    const projectorText = (await projector.textContent("main")) ?? "";
    expect(projectorText).not.toMatch(/odds|True well-being/i);
    await shot(projector, "workshop-projector-playing-1920x1080");

    // The cockpit shows every table with its true welfare, in play.
    await waitFor(
      cockpit,
      tables
        .map(
          (t) =>
            `document.querySelector('[data-testid="table-${t}"]')?.textContent.includes("True welfare")`,
        )
        .join(" && "),
      60_000,
    );
    const inPlay = await readCockpit();
    for (const t of live(inPlay)) {
      expect(t.truth, t.code).not.toBeNull();
      expect(Number.isFinite(t.truth!.welfare)).toBe(true);
    }
    for (const size of SIZES) {
      await cockpit.setViewportSize({ width: size.width, height: size.height });
      await shot(cockpit, `workshop-cockpit-${size.name}`);
    }

    // Every table plays to its end on its own clock.
    const ended = await until(
      "every table ended",
      async () => {
        const c = await readCockpit();
        return c.tables.every((t) => t.stage === "ended") ? c : null;
      },
      300_000,
    );
    expect(ended.tables).toHaveLength(tables.length);
    // The crisis struck at the table it was pushed to, and only there.
    const debrief = (
      await api<WorkshopDebrief>("GET", `/api/workshops/${code}/debrief`, { bearer: secret })
    ).body;
    expect(debrief.tables.map((t) => t.code).sort()).toEqual([...tables].sort());
    expect(debrief.tables.find((t) => t.code === target)!.injects.map((i) => i.inject)).toContain(
      inject,
    );
    for (const t of debrief.tables.filter((x) => x.code !== target))
      expect(t.injects.map((i) => i.inject)).not.toContain(inject);
    expect(debrief.questions).toHaveLength(5);
    for (const t of debrief.tables) {
      expect(t.ending, t.code).not.toBeNull();
      expect(t.series.every((r) => r.welfare !== null)).toBe(true);
    }

    // The projector shows every table's ending, and now its true welfare.
    await waitFor(
      projector,
      `[...document.querySelectorAll("[data-testid=projector-table]")].filter((c) => c.dataset.stage === "ended" && c.textContent.includes("True well-being")).length === ${tables.length}`,
      30_000,
    );
    // One scale: the projector's true well-being is the game's (start = 100), as the debrief's
    // and the cockpit's, not the raw level (the projector said 64 where the cockpit said 106).
    const onScale = (t: WorkshopDebrief["tables"][number]) =>
      String(Math.round((t.series.at(-1)!.welfare! / t.start!.welfare) * 100));
    for (const t of debrief.tables) {
      const card = projector.locator(`[data-testid=projector-table][data-code="${t.code}"]`);
      expect((await card.getByTestId("projector-true").textContent())?.trim(), t.code).toBe(
        onScale(t),
      );
      expect(await card.textContent()).toContain("start = 100");
      const inCockpit = await cockpit
        .getByTestId(`table-${t.code}`)
        .locator(".ws-key-welfare b")
        .textContent();
      console.log(
        `table ${t.code}: true well-being ${onScale(t)} on the projector, ${inCockpit} in the cockpit`,
      );
    }
    expect(await violations(projector)).toEqual([]);
    for (const size of SIZES) {
      await projector.setViewportSize({ width: size.width, height: size.height });
      await shot(projector, `workshop-projector-${size.name}`);
    }

    // The cockpit, at the end, with every table's true welfare.
    await cockpit.setViewportSize({ width: 1920, height: 1080 });
    for (const size of SIZES) {
      await cockpit.setViewportSize({ width: size.width, height: size.height });
      await shot(cockpit, `workshop-cockpit-ended-${size.name}`);
    }

    // The workshop debrief: every table, the five questions, and the export from its button.
    const dCtx = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      acceptDownloads: true,
    });
    const dPage = await openPage(dCtx, errors);
    // Opened from the cockpit's link, as the facilitator would.
    const debriefHref = await cockpit.getAttribute("[data-testid=debrief-link]", "href");
    expect(debriefHref).toBeTruthy();
    await dPage.goto(new URL(debriefHref!, env.server.url).href);
    await waitFor(
      dPage,
      `document.querySelectorAll("[data-testid=wdebrief-table]").length === ${tables.length}`,
      60_000,
    );
    for (const t of debrief.tables) {
      const row = dPage.locator(`[data-testid=wdebrief-row][data-code="${t.code}"]`);
      expect(await row.count()).toBe(1);
      expect((await row.getByTestId("wdebrief-true").textContent())?.trim(), t.code).toBe(
        onScale(t),
      );
    }
    expect(await dPage.locator("[data-testid=wdebrief-questions] li").count()).toBe(5);
    // How the odds moved: a chart for every table (the cockpit's odds, never the projector's).
    expect(debrief.tables.every((t) => t.odds.length > 0)).toBe(true);
    expect(await dPage.locator("[data-testid=wdebrief-odds] .chart svg").count()).toBe(
      tables.length,
    );
    const [download] = await Promise.all([
      dPage.waitForEvent("download", { timeout: 30_000 }),
      dPage.click("[data-testid=wdebrief-export-csv]"),
    ]);
    expect(download.suggestedFilename()).toBe(`attractor-workshop-${code}.csv`);
    const csv = readFileSync((await download.path())!, "utf8");
    // Every table, with a row of figures for each round it played (start = 100).
    for (const t of debrief.tables)
      expect(
        csv
          .split("\n")
          .filter((l) => l.startsWith(`"${t.code}",`) || l.startsWith(`${t.code},`))
          .filter((l) => l.includes(",round,")).length,
        t.code,
      ).toBe(t.series.length);
    const json = await api<unknown>("GET", `/api/workshops/${code}/export.json`, {
      bearer: secret,
    });
    expect(json.status).toBe(200);
    for (const t of tables) expect(JSON.stringify(json.body)).toContain(t);
    expect(await violations(dPage)).toEqual([]);
    for (const size of SIZES) {
      await dPage.setViewportSize({ width: size.width, height: size.height });
      await shot(dPage, `workshop-debrief-${size.name}`);
      await dPage.screenshot({
        path: path.join(SHOTS_DIR, `workshop-debrief-full-${size.name}.png`),
        fullPage: true,
      });
    }

    for (const s of students) await s.room.leave();
    await Promise.all([cockpitCtx.close(), projCtx.close(), dCtx.close()]);
    expect(errors).toEqual([]);
    console.log(`workshop e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 480_000);
});
