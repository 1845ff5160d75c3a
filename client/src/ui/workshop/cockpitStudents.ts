/**
 * The cockpit's list of students: nickname, where they sit or watch, how they are (a call for
 * help stands out), and mute, remove (after a confirmation that says what happens) and, before
 * the start, move to another table or seat.
 */
import type {
  Cockpit,
  CockpitStudent,
  ControlRequest,
  LiveTable,
} from "../../../../shared/workshop";
import { placeOf, studentMarks } from "../../model/cockpit";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";

export class StudentList {
  readonly el = h("section", { class: "card ws-students", "aria-labelledby": "ws-students-title" });
  private readonly body = h("div", {});
  private readonly moves = new Map<string, string>();

  constructor(private readonly command: (r: ControlRequest, label: string) => Promise<void>) {
    this.el.append(this.body);
  }

  update(cockpit: Cockpit): void {
    renderIf(
      this.body,
      JSON.stringify([
        cockpit.students,
        cockpit.tables.map((t) => (t.live ? [t.code, t.stage, t.seats] : t.code)),
      ]),
      () => [
        h("h2", { id: "ws-students-title" }, `Students (${cockpit.students.length})`),
        cockpit.students.length === 0
          ? h(
              "p",
              { class: "fineprint" },
              "Nobody has joined yet. Show the students' link or the QR code.",
            )
          : h(
              "table",
              { class: "ws-student-table" },
              h(
                "thead",
                {},
                h(
                  "tr",
                  {},
                  h("th", { scope: "col" }, "Nickname"),
                  h("th", { scope: "col" }, "Where"),
                  h("th", { scope: "col" }, "How"),
                  h("th", { scope: "col" }, "Actions"),
                ),
              ),
              h(
                "tbody",
                {},
                sortStudents(cockpit.students).map((s) => this.row(s, cockpit)),
              ),
            ),
      ],
    );
  }

  private row(s: CockpitStudent, cockpit: Cockpit): HTMLElement {
    const lobby = cockpit.tables.filter((t): t is LiveTable => t.live && t.stage === "lobby");
    const own = cockpit.tables.find((t) => t.code === s.table);
    const canMove = lobby.length > 0 && (!own || own.stage === "lobby");
    // Only seats no student holds (a bot plays them until the game starts).
    const options = lobby
      .filter((t) => t.code !== s.table)
      .flatMap((t) => {
        const free = t.seats.filter((seat) => seat.student === null);
        if (free.length === 0) return [];
        return [
          { value: `${t.code}|`, label: `${t.code}, first free seat` },
          ...free.map((seat) => ({
            value: `${t.code}|${seat.id}`,
            label: `${t.code} · ${seat.id} (${seat.role === "lab" ? "AI lab" : seat.role})`,
          })),
        ];
      });
    const id = `move-${s.id}`;
    const chosen = this.moves.get(s.id) ?? options[0]?.value ?? "";
    const pick = h(
      "select",
      { id, class: "ws-move", "aria-label": `Move ${s.nickname} to` },
      options.map((o) => h("option", { value: o.value, selected: o.value === chosen }, o.label)),
    );
    pick.addEventListener("change", () => this.moves.set(s.id, pick.value));
    return h(
      "tr",
      { class: s.help ? "ws-student-help" : "", "data-testid": `student-${s.id}` },
      h(
        "th",
        { scope: "row" },
        s.nickname,
        s.muted ? h("span", { class: "ws-mark ws-mark-muted" }, "muted") : null,
      ),
      h("td", {}, placeOf(s)),
      h(
        "td",
        {},
        studentMarks(s).map((m) => h("span", { class: `ws-mark ws-mark-${m.kind}` }, m.text)),
      ),
      h(
        "td",
        { class: "ws-student-actions" },
        s.help
          ? h(
              "button",
              {
                class: "btn small ws-seen",
                type: "button",
                onclick: () =>
                  void this.command(
                    { command: "helped", student: s.id },
                    `${s.nickname} was told you are coming`,
                  ),
              },
              iconSvg("check", 14),
              "Seen",
            )
          : null,
        h(
          "button",
          {
            class: "btn small",
            type: "button",
            "aria-pressed": s.muted ? "true" : "false",
            "aria-label": `${s.muted ? "Unmute" : "Mute"} ${s.nickname}`,
            id: `ws-mute-${s.id}`,
            onclick: () =>
              void this.command(
                { command: "mute", student: s.id, muted: !s.muted },
                s.muted ? `${s.nickname} may chat again` : `${s.nickname} is muted`,
              ),
          },
          iconSvg("mute", 14),
          s.muted ? "Unmute" : "Mute",
        ),
        h(
          "button",
          {
            class: "btn small ws-danger",
            type: "button",
            "aria-label": `Remove ${s.nickname}`,
            id: `ws-remove-${s.id}`,
            onclick: () => {
              const sure = window.confirm(
                `Remove ${s.nickname} from the workshop?\n\nTheir page closes at once and their place in the workshop is gone for good. A bot takes their seat.`,
              );
              if (sure)
                void this.command(
                  { command: "remove", student: s.id },
                  `${s.nickname} was removed`,
                );
            },
          },
          iconSvg("close", 14),
          "Remove",
        ),
        canMove && options.length > 0
          ? h(
              "span",
              { class: "ws-move-box" },
              pick,
              h(
                "button",
                {
                  class: "btn small",
                  type: "button",
                  "aria-label": `Move ${s.nickname}`,
                  id: `ws-move-${s.id}`,
                  onclick: () => {
                    const [table, seat] = pick.value.split("|");
                    if (!table) return;
                    void this.command(
                      seat
                        ? { command: "move", student: s.id, table, seat }
                        : { command: "move", student: s.id, table },
                      `${s.nickname} moved to ${table}`,
                    );
                  },
                },
                "Move",
              ),
            )
          : null,
      ),
    );
  }
}

/** Calls for help first, then by table and seat, then by nickname. */
function sortStudents(students: readonly CockpitStudent[]): CockpitStudent[] {
  return [...students].sort(
    (a, b) =>
      Number(b.help) - Number(a.help) ||
      (a.table ?? "~").localeCompare(b.table ?? "~") ||
      (a.seat ?? "~").localeCompare(b.seat ?? "~") ||
      a.nickname.localeCompare(b.nickname),
  );
}
