/**
 * "Run a workshop" (`/?view=workshop-setup`): the lesson's length, the tables' size or role
 * mix, the scenario (a preset, or a file uploaded once for every table), chat and the word
 * filter. Creating it opens the cockpit, whose address carries the secret in its fragment.
 */
import { PRESETS } from "../../../../shared/presets";
import { ROLES, type Role } from "../../../../shared/vocabulary";
import { FORMATS, type FormatMinutes, type WorkshopRequest } from "../../../../shared/workshop";
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { saveFacilitator } from "../../app/workshopSession";
import { FORMAT_TEXT, ROLE_WORDS, roleMix, seatsText } from "../../model/cockpit";
import { capitalise } from "../../model/format";
import { createWorkshop, WorkshopApiError } from "../../net/workshopApi";
import { h } from "../dom";
import { iconSvg } from "../icons";
import { showMessage, type UploadMessage, upload, uploaded } from "../lobby/upload";

type SeatMode = "scenario" | "size" | "mix";

export function mountWorkshopSetup(root: HTMLElement, c: Controller) {
  let format: FormatMinutes = 45;
  let mode: SeatMode = "scenario";
  let scenario = "standard";
  const err = h("p", { class: "error-text", role: "alert", "data-testid": "setup-error" });

  // Format: one toggle button per length.
  const formats = h("div", { class: "ws-formats", role: "group", "aria-label": "Length" });
  const drawFormats = () =>
    formats.replaceChildren(
      ...([45, 90, 180] as const).map((m) =>
        h(
          "button",
          {
            type: "button",
            class: "btn ws-format",
            "aria-pressed": m === format ? "true" : "false",
            "data-testid": `format-${m}`,
            onclick: () => {
              format = m;
              drawFormats();
            },
          },
          h("span", { class: "ws-format-name" }, `About ${m} minutes`),
          h("span", { class: "ws-format-rounds" }, `${FORMATS[m].rounds} rounds`),
          h("span", { class: "ws-format-about" }, FORMAT_TEXT[m]),
        ),
      ),
    );
  drawFormats();

  // Seats: the scenario's own, a size (roles in turn), or a count of each role.
  const size = h(
    "select",
    { id: "ws-size", "data-testid": "table-size" },
    [3, 4, 5, 6, 7, 8, 9].map((n) => h("option", { value: n, selected: n === 6 }, `${n} seats`)),
  );
  const counts: Record<Role, HTMLInputElement> = {
    government: countInput("government", 2),
    lab: countInput("lab", 2),
    company: countInput("company", 2),
  };
  const seatNote = h("p", {
    class: "fineprint",
    "aria-live": "polite",
    "data-testid": "seat-note",
  });
  const sizeBox = h(
    "div",
    { class: "field" },
    h("label", { for: "ws-size" }, "Seats per table"),
    size,
  );
  const mixBox = h(
    "div",
    { class: "ws-mix", role: "group", "aria-label": "Seats of each role at every table" },
    ROLES.map((r) =>
      h("div", {}, h("label", { for: `ws-count-${r}` }, capitalise(ROLE_WORDS[r].many)), counts[r]),
    ),
  );
  const seatModes = h("div", { class: "ws-choice", role: "radiogroup", "aria-label": "Seats" });
  const seatChoice = (m: SeatMode, text: string) =>
    h(
      "label",
      { class: "ws-radio" },
      h("input", {
        type: "radio",
        name: "ws-seats",
        value: m,
        checked: m === mode,
        "data-testid": `seats-${m}`,
        onchange: () => {
          mode = m;
          drawSeats();
        },
      }),
      text,
    );
  seatModes.append(
    seatChoice("scenario", "As the scenario says"),
    seatChoice("size", "A number of seats"),
    seatChoice("mix", "Choose the role mix"),
  );
  const seats = (): { tableSize?: number; seats?: Role[] } | string => {
    if (mode === "size") return { tableSize: Number(size.value) };
    if (mode === "mix") {
      const mix = roleMix({
        government: Number(counts.government.value),
        lab: Number(counts.lab.value),
        company: Number(counts.company.value),
      });
      return typeof mix === "string" ? mix : { seats: mix };
    }
    return {};
  };
  const drawSeats = () => {
    sizeBox.hidden = mode !== "size";
    mixBox.hidden = mode !== "mix";
    const s = seats();
    const scen = PRESETS.find((p) => p.id === scenario);
    seatNote.textContent =
      typeof s === "string"
        ? s
        : s.seats
          ? seatsText(s.seats)
          : s.tableSize
            ? `${s.tableSize} seats a table, the roles in turn. Bots play every seat no student takes.`
            : scen
              ? `${seatsText(scen.seats)}`
              : "The uploaded scenario's seats. Bots play every seat no student takes.";
    seatNote.className = typeof s === "string" ? "error-text" : "fineprint";
  };
  size.addEventListener("change", drawSeats);
  for (const r of ROLES) counts[r].addEventListener("input", drawSeats);

  // Scenario: a preset, or an uploaded file.
  const about = h("p", { class: "fineprint", "data-testid": "scenario-about" });
  const pick = h(
    "select",
    { id: "ws-scenario", "data-testid": "scenario" },
    PRESETS.map((p) => h("option", { value: p.id }, p.name)),
  );
  const drawAbout = () => {
    const p = PRESETS.find((x) => x.id === scenario);
    const u = uploaded[scenario];
    about.textContent = p?.description ?? u?.description ?? "";
  };
  pick.addEventListener("change", () => {
    scenario = pick.value;
    drawAbout();
    drawSeats();
  });
  const status = h("div", { "aria-live": "polite", "data-testid": "setup-upload-status" });
  const file = h("input", {
    type: "file",
    id: "ws-file",
    accept: "application/json,.json",
    "data-testid": "setup-scenario-file",
    onchange: async () => {
      const f = file.files?.[0];
      if (!f) return;
      const checking: UploadMessage = { ok: true, lines: [`Checking ${f.name}…`] };
      showMessage(status, checking);
      const result = await upload(f);
      showMessage(status, result.message);
      if (result.chosen) {
        const id = result.chosen;
        if (![...pick.options].some((o) => o.value === id))
          pick.append(h("option", { value: id }, uploaded[id]?.name ?? id));
        pick.value = id;
        scenario = id;
        drawAbout();
        drawSeats();
      }
    },
  });
  drawAbout();
  drawSeats();

  const chat = h("input", {
    type: "checkbox",
    id: "ws-chat",
    checked: true,
    "data-testid": "setup-chat",
  });
  const filter = h("input", {
    type: "checkbox",
    id: "ws-filter",
    checked: true,
    "data-testid": "setup-filter",
  });

  const create = h(
    "button",
    { class: "btn primary", type: "submit", "data-testid": "create-workshop" },
    iconSvg("play"),
    "Create the workshop",
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    err.textContent = "";
    const s = seats();
    if (typeof s === "string") {
      err.textContent = s;
      return;
    }
    const request: WorkshopRequest = {
      scenario,
      format,
      chat: chat.checked,
      filter: filter.checked,
      ...s,
    };
    create.disabled = true;
    try {
      const made = await createWorkshop(request);
      saveFacilitator(made.code, { secret: made.secret, projectorKey: made.projectorKey });
      c.openPage({ screen: "cockpit", code: made.code, secret: made.secret });
    } catch (x) {
      err.textContent =
        x instanceof WorkshopApiError
          ? `The workshop was not created: ${x.message}`
          : "The workshop was not created: the server did not answer.";
      create.disabled = false;
    }
  };

  root.append(
    h(
      "main",
      { class: "ws-page", "data-screen": "workshop-setup" },
      h(
        "form",
        { class: "card ws-setup", onsubmit: submit, "aria-labelledby": "ws-setup-title" },
        h(
          "div",
          { class: "row" },
          h("h1", { id: "ws-setup-title", class: "grow" }, "Run a workshop"),
          h(
            "button",
            { class: "btn ghost", type: "button", onclick: () => c.openPage(null) },
            "Back",
          ),
        ),
        h(
          "p",
          { class: "ws-lead" },
          "One code for the whole class. Students join with a nickname and are seated at tables. Bots fill the empty seats. You run every table from one screen.",
        ),
        h("h2", {}, "Length of the lesson"),
        formats,
        h(
          "div",
          { class: "ws-cols" },
          h(
            "fieldset",
            { class: "ws-set" },
            h("legend", {}, "Seats at each table"),
            seatModes,
            sizeBox,
            mixBox,
            seatNote,
          ),
          h(
            "fieldset",
            { class: "ws-set" },
            h("legend", {}, "Scenario (the same for every table)"),
            h(
              "div",
              { class: "field" },
              h("label", { for: "ws-scenario" }, "Scenario"),
              pick,
              about,
            ),
            h(
              "div",
              { class: "field" },
              h("label", { for: "ws-file" }, "Or upload a scenario file (JSON)"),
              file,
              status,
            ),
          ),
        ),
        h(
          "fieldset",
          { class: "ws-set" },
          h("legend", {}, "Chat"),
          h(
            "label",
            { class: "ws-check", for: "ws-chat" },
            chat,
            "Students may chat at their tables (you can change this later)",
          ),
          h(
            "label",
            { class: "ws-check", for: "ws-filter" },
            filter,
            "Word filter: refuse chat lines with rude words",
          ),
        ),
        h("div", { class: "row ws-actions" }, create, err),
      ),
    ),
  );
  return { update(_s: AppState) {}, destroy() {} };
}

function countInput(role: Role, value: number): HTMLInputElement {
  return h("input", {
    type: "number",
    id: `ws-count-${role}`,
    min: 1,
    max: 7,
    value,
    class: "ws-count",
    "data-testid": `count-${role}`,
  });
}
