/**
 * The facilitator's cockpit (`/?workshop=CODE#secret=SECRET`): every table of the workshop on
 * one screen, polled every 2 seconds while the tab is visible, with the controls for all tables
 * at the top, the links to share, each table's card (cockpitTable.ts) and the students' list
 * (cockpitStudents.ts). Every command goes to `POST …/control`; each table's answer is shown.
 */
import QRCode from "qrcode";
import type { Cockpit, ControlRequest, LiveTable } from "../../../../shared/workshop";
import type { Controller } from "../../app/controller";
import { addressOf } from "../../app/route";
import type { AppState } from "../../app/store";
import { loadFacilitator, saveFacilitator } from "../../app/workshopSession";
import { controlProblems, parseSeries, recordTruth, type TruthSeries } from "../../model/cockpit";
import { fetchCockpit, sendControl, WorkshopApiError } from "../../net/workshopApi";
import { h, renderIf, spelledCode } from "../dom";
import { iconSvg } from "../icons";
import { StudentList } from "./cockpitStudents";
import { TableCard } from "./cockpitTable";

const POLL_MS = 2000;

export function mountCockpit(root: HTMLElement, c: Controller) {
  const page = c.store.get().page;
  const code = page?.screen === "cockpit" ? page.code : "";
  const secret = page?.screen === "cockpit" ? page.secret : "";
  const projectorKey = loadFacilitator(code)?.projectorKey ?? null;

  let cockpit: Cockpit | null = null;
  let polledAt = 0;
  let series: TruthSeries = loadSeries(code);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let gone = false;
  let fatal = false;
  const cards = new Map<string, TableCard>();

  const conn = h("p", { class: "ws-conn", role: "status", "data-testid": "cockpit-connection" });
  const topStatus = h("p", {
    class: "ws-result",
    role: "status",
    "aria-live": "polite",
    "data-testid": "cockpit-result",
  });
  const top = h("div", { class: "ws-top-controls" });
  const links = linksPanel(code, secret, projectorKey);
  const grid = h("div", { class: "ws-grid", "data-testid": "cockpit-tables" });
  const closed = h("div", { class: "ws-closed" });

  const command = async (request: ControlRequest, label: string, card?: TableCard) => {
    const out = card?.result ?? topStatus;
    out.className = "ws-result";
    out.textContent = "Sending…";
    try {
      const answer = await sendControl(code, secret, request);
      const problems = controlProblems(answer);
      if (problems.length === 0) {
        out.textContent = `${label}.`;
        out.classList.add("ok");
      } else {
        out.textContent = problems.join(" ");
        out.classList.add("bad");
      }
      // Each table hears how it went.
      if (!card)
        for (const r of answer.results) {
          const cd = cards.get(r.table);
          if (!cd) continue;
          cd.result.className = r.ok ? "ws-result ok" : "ws-result bad";
          cd.result.textContent = r.ok ? `${label}.` : (r.message ?? "Refused.");
        }
      void poll(true);
    } catch (x) {
      out.textContent =
        x instanceof WorkshopApiError
          ? `Not done: ${x.message}`
          : "Not done: the server did not answer.";
      out.classList.add("bad");
    }
  };

  // Kept across redraws of the top bar, so a line being typed survives a new table or a toggle.
  const message = h("input", {
    type: "text",
    id: "ws-message",
    maxlength: 280,
    placeholder: "A message to the tables",
    "aria-label": "Message",
    "data-testid": "message-text",
  });
  const students = new StudentList((r, label) => command(r, label));

  const watch = (t: LiveTable) => {
    window.open(
      addressOf({ screen: "watch", table: t.code, token: t.watchToken }),
      "_blank",
      "noopener",
    );
  };

  const render = () => {
    if (!cockpit) return;
    renderTop(top, cockpit, command, message);
    links.update(cockpit);
    const live = cockpit.tables.filter((t): t is LiveTable => t.live);
    const elapsed = performance.now() - polledAt;
    const seen = new Set<string>();
    for (const t of live) {
      seen.add(t.code);
      let card = cards.get(t.code);
      if (!card) {
        const made: TableCard = new TableCard(t.code, {
          command: (r, label): Promise<void> => command(r, label, made),
          watch,
        });
        card = made;
        cards.set(t.code, made);
      }
      card.update(t, series[t.code] ?? [], elapsed);
    }
    for (const [k, card] of cards)
      if (!seen.has(k)) {
        card.el.remove();
        cards.delete(k);
      }
    const order = live.map((t) => cards.get(t.code)!.el);
    if (order.some((el, i) => grid.children[i] !== el)) grid.replaceChildren(...order);
    if (live.length === 0)
      grid.replaceChildren(
        h(
          "p",
          { class: "ws-empty" },
          "No table yet: the first opens when the first student joins.",
        ),
      );
    const shut = cockpit.tables.filter((t) => !t.live);
    renderIf(closed, JSON.stringify(shut), () =>
      shut.length === 0
        ? []
        : [
            h(
              "p",
              { class: "fineprint" },
              "Closed tables (their game ended, or everyone left): ",
              shut.map((t) => `${t.code} (${t.stage === "ended" ? "ended" : t.stage})`).join(", "),
              ". Their games are in the workshop's debrief.",
            ),
          ],
    );
    students.update(cockpit);
  };

  const poll = async (once = false) => {
    if (gone || fatal) return;
    if (!once && timer) clearTimeout(timer);
    try {
      const next = await fetchCockpit(code, secret);
      // Kept only once the server took it: a mistyped link never replaces a good secret.
      if (!cockpit) saveFacilitator(code, { secret, projectorKey: null });
      cockpit = next;
      polledAt = performance.now();
      for (const t of next.tables)
        if (t.live && t.truth && t.stage !== "lobby")
          series = recordTruth(series, t.code, {
            round: t.round,
            welfare: t.truth.welfare,
            proxy: t.truth.proxy,
          });
      saveSeries(code, series);
      conn.textContent = "";
      conn.className = "ws-conn";
      render();
    } catch (x) {
      if (
        x instanceof WorkshopApiError &&
        (x.status === 401 || x.status === 403 || x.status === 404)
      ) {
        fatal = true;
        conn.className = "ws-conn bad";
        conn.textContent =
          x.status === 404
            ? `There is no workshop ${code} (it may have been deleted after its last day).`
            : "This link's secret does not open this workshop's cockpit. Use the facilitator link you were given.";
        return;
      }
      conn.className = "ws-conn bad";
      conn.textContent = "Connection lost, retrying…";
    }
    if (!once) schedule();
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (gone || fatal || document.hidden) return;
    timer = setTimeout(() => void poll(), POLL_MS);
  };
  const onVisible = () => {
    if (document.hidden) {
      if (timer) clearTimeout(timer);
      timer = null;
    } else void poll();
  };
  document.addEventListener("visibilitychange", onVisible);
  const ticker = setInterval(() => {
    const elapsed = performance.now() - polledAt;
    for (const card of cards.values()) card.tick(elapsed);
  }, 1000);

  root.append(
    h(
      "main",
      { class: "ws-cockpit", "data-screen": "cockpit" },
      h(
        "header",
        { class: "ws-cockpit-head" },
        h(
          "div",
          { class: "ws-cockpit-title" },
          h("h1", {}, "Cockpit"),
          spelledCode("span", { class: "ws-code" }, "Workshop code", code),
          conn,
          h(
            "nav",
            { class: "ws-buttons", "aria-label": "Other workshop screens" },
            h(
              "a",
              { class: "btn small", href: links.projector, target: "_blank", rel: "noopener" },
              iconSvg("link", 14),
              "Projector",
            ),
            h(
              "a",
              { class: "btn small", href: links.debrief, target: "_blank", rel: "noopener" },
              iconSvg("flag", 14),
              "Debrief",
            ),
          ),
        ),
        top,
        topStatus,
      ),
      links.el,
      grid,
      closed,
      students.el,
    ),
  );
  void poll();

  return {
    update(_s: AppState) {},
    destroy() {
      gone = true;
      if (timer) clearTimeout(timer);
      clearInterval(ticker);
      document.removeEventListener("visibilitychange", onVisible);
    },
  };
}

type Command = (request: ControlRequest, label: string) => Promise<void>;

/** The controls for every table, chat, the filter, the projector's code and a message. */
function renderTop(el: HTMLElement, k: Cockpit, command: Command, text: HTMLInputElement): void {
  const live = k.tables.filter((t): t is LiveTable => t.live);
  const chatOn = live.some((t) => t.chat);
  const wasTo = el.querySelector<HTMLSelectElement>("#ws-message-to")?.value ?? "all";
  renderIf(el, JSON.stringify([live.map((t) => t.code), chatOn, k.filter, k.showCode]), () => {
    // Stable ids keep the focus on a button across redraws (its words may change).
    const btn = (text: string, icon: string, on: () => void, attrs: Record<string, string> = {}) =>
      h(
        "button",
        {
          class: "btn small",
          type: "button",
          id: `ws-all-${text
            .toLowerCase()
            .split(":")[0]!
            .replace(/[^a-z0-9]+/g, "-")}`,
          onclick: on,
          ...attrs,
        },
        iconSvg(icon, 14),
        text,
      );
    const to = h(
      "select",
      { id: "ws-message-to", "aria-label": "Send the message to", class: "ws-to" },
      h("option", { value: "all" }, "All tables"),
      live.map((t) =>
        h("option", { value: t.code, selected: t.code === wasTo }, `Table ${t.code}`),
      ),
    );
    return [
      h(
        "div",
        { class: "ws-buttons", role: "group", "aria-label": "Every table" },
        h("span", { class: "ws-group-label" }, "All tables:"),
        btn("Start all", "play", () => void command({ command: "start" }, "Started"), {
          "data-testid": "start-all",
        }),
        btn("Pause all", "pause", () => void command({ command: "pause" }, "Paused"), {
          "data-testid": "pause-all",
        }),
        btn("Resume all", "play", () => void command({ command: "resume" }, "Resumed"), {
          "data-testid": "resume-all",
        }),
        btn(
          "+1 min",
          "clock",
          () => void command({ command: "extend", seconds: 60 }, "One more minute"),
        ),
        btn("Skip phase", "skip", () => void command({ command: "skip" }, "Phase skipped")),
        btn(
          chatOn ? "Chat: on" : "Chat: off",
          "chat",
          () =>
            void command({ command: "chat", on: !chatOn }, chatOn ? "Chat closed" : "Chat open"),
          {
            "aria-pressed": chatOn ? "true" : "false",
          },
        ),
        btn(
          k.filter ? "Word filter: on" : "Word filter: off",
          "eraser",
          () =>
            void command(
              { command: "filter", on: !k.filter },
              k.filter ? "Word filter off" : "Word filter on",
            ),
          {
            "aria-pressed": k.filter ? "true" : "false",
          },
        ),
        btn(
          k.showCode ? "Code on projector: shown" : "Code on projector: hidden",
          "eye",
          () =>
            void command(
              { command: "showCode", on: !k.showCode },
              k.showCode ? "Code hidden" : "Code shown",
            ),
          {
            "aria-pressed": k.showCode ? "true" : "false",
          },
        ),
      ),
      h(
        "form",
        {
          class: "ws-message",
          onsubmit: (e: Event) => {
            e.preventDefault();
            const line = text.value.trim();
            if (!line) {
              text.focus();
              return;
            }
            void command({ command: "message", table: to.value, text: line }, "Message sent").then(
              () => {
                text.value = "";
              },
            );
          },
        },
        text,
        to,
        h("button", { class: "btn small", type: "submit" }, iconSvg("megaphone", 14), "Send"),
      ),
    ];
  });
}

interface Links {
  readonly el: HTMLElement;
  readonly projector: string;
  readonly debrief: string;
  update(k: Cockpit): void;
}

/** The links to share (students', with a QR code), the projector's and the facilitator's own. */
function linksPanel(code: string, secret: string, projectorKey: string | null): Links {
  const origin = location.origin;
  const student = `${origin}${addressOf({ screen: "workshop-join", code })}`;
  const projector = `${origin}${addressOf({ screen: "projector", code, key: projectorKey ?? secret })}`;
  const facilitator = `${origin}${addressOf({ screen: "cockpit", code, secret })}`;
  const debrief = `${origin}${addressOf({ screen: "wdebrief", code, secret })}`;
  // The QR code as an image of its SVG: no markup is parsed into the page.
  const qr = h("img", {
    class: "qr ws-qr",
    alt: "QR code of the students' link",
    width: 132,
    height: 132,
  });
  void QRCode.toString(student, {
    type: "svg",
    margin: 1,
    color: { dark: "#0b1120", light: "#ffffff" },
  }).then((svg) => {
    qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
  const details = h("details", { class: "card ws-links", open: true });
  // Folded or unfolded by the facilitator: left as they chose.
  let touched = false;
  details.append(
    h(
      "summary",
      {
        onclick: () => {
          touched = true;
        },
      },
      h("h2", {}, "Links and QR code"),
    ),
    h(
      "div",
      { class: "ws-links-body" },
      qr,
      h(
        "div",
        { class: "stack grow" },
        linkRow("ws-link-students", "Students' link (or the code on the title screen)", student),
        linkRow(
          "ws-link-projector",
          projectorKey
            ? "Projector link (for the classroom screen)"
            : "Projector link (it carries your secret: do not share it)",
          projector,
          h(
            "a",
            { href: projector, target: "_blank", rel: "noopener", class: "btn small" },
            iconSvg("link", 14),
            "Open",
          ),
        ),
        linkRow("ws-link-facilitator", "Your facilitator link", facilitator),
        h(
          "p",
          { class: "ws-secret-warning", role: "note" },
          iconSvg("hazard", 16),
          " Keep this link secret: it is the only way back into the cockpit. Save it somewhere safe now.",
        ),
        h(
          "p",
          {},
          h(
            "a",
            { href: debrief, target: "_blank", rel: "noopener", "data-testid": "debrief-link" },
            "The workshop's debrief",
          ),
          h("span", { class: "fineprint" }, " (opens in a new tab; for the end of the lesson)"),
        ),
      ),
    ),
  );
  return {
    el: details,
    projector,
    debrief,
    update(k) {
      // Open while the class joins; folded once play starts (unless the facilitator chose).
      if (!touched) details.open = !k.tables.some((t) => t.stage !== "lobby");
    },
  };
}

function linkRow(id: string, label: string, url: string, extra?: HTMLElement): HTMLElement {
  const note = h("span", { class: "fineprint", role: "status" });
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h(
      "div",
      { class: "row ws-link-row" },
      h("input", { type: "text", id, readonly: true, value: url, class: "grow" }),
      h(
        "button",
        {
          class: "btn small",
          type: "button",
          "data-testid": `copy-${id}`,
          onclick: () => {
            void navigator.clipboard?.writeText(url).then(
              () => {
                note.textContent = "Copied.";
              },
              () => {
                note.textContent = "Copy it from the box.";
              },
            );
          },
        },
        iconSvg("copy", 14),
        "Copy",
      ),
      extra ?? null,
      note,
    ),
  );
}

const seriesKey = (code: string) => `attractor.cockpit.${code}`;

function loadSeries(code: string): TruthSeries {
  try {
    return parseSeries(JSON.parse(localStorage.getItem(seriesKey(code)) ?? "{}"));
  } catch {
    return {};
  }
}

function saveSeries(code: string, series: TruthSeries): void {
  try {
    localStorage.setItem(seriesKey(code), JSON.stringify(series));
  } catch {
    // Storage full: the history starts again after a reload.
  }
}
