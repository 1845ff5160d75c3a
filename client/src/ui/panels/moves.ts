/**
 * The dashboard's moves: what you did this round (a tax change pending until Resolve), then a
 * card per move the seat may make, opened to read its effect, fill in its fields and send it.
 * Which cards are open, and the choices typed into a form this round, survive re-renders; a
 * move made this round keeps its choice in its form and says "Done: …" (from the view, so only
 * once the server took it).
 */
import type { SeatView } from "../../../../shared/views";
import type { Controller } from "../../app/controller";
import {
  type DoneItem,
  doneThisRound,
  type FieldValues,
  type MoveSpec,
  moveAction,
  movesOf,
  type Option,
  withValue,
} from "../../model/dashboard";
import { pct } from "../../model/format";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { glossed } from "../term";

export class MovesPanel {
  readonly el = h("div", { "data-tut": "moves" });
  private readonly openMoves = new Set<string>();
  /** What the player chose in each form this round (sent or not), by move. */
  private drafts = new Map<string, FieldValues>();
  private draftsRound = -1;

  constructor(private readonly c: Controller) {}

  update(view: SeatView): void {
    if (view.public.round !== this.draftsRound) {
      this.draftsRound = view.public.round;
      this.drafts = new Map();
    }
    const moves = movesOf(view);
    const done = doneThisRound(view);
    // Redrawn when the view's moves change, not while the player edits a form (a slider being
    // dragged would be dropped); the redraw shows what they chose.
    renderIf(this.el, JSON.stringify([moves, done]), () => [
      h("h2", { style: "margin-top:12px" }, iconSvg("flag"), "Moves"),
      h("p", { class: "fineprint" }, "Up to two per round. Open a move to read what it does."),
      didList(done),
      h(
        "div",
        { class: "moves" },
        moves.map((m) => this.moveCard(this.withDraft(m))),
      ),
    ]);
  }

  /** The move with the choices typed into its form this round (while they are still legal). */
  private withDraft(m: MoveSpec): MoveSpec {
    const draft = this.drafts.get(m.id);
    return draft ? { ...m, fields: m.fields.map((f) => withValue(f, draft[f.name])) } : m;
  }

  private moveCard(m: MoveSpec): HTMLElement {
    const fields = m.fields.map((f) => fieldElement(m, f));
    const read = (): FieldValues => {
      const values: Record<string, string | number | boolean> = {};
      for (const el of Array.from(form.elements)) {
        if (el instanceof HTMLInputElement && el.type === "checkbox") values[el.name] = el.checked;
        else if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement)
          values[el.name] = el.value;
      }
      return values;
    };
    const form = h(
      "form",
      {
        onchange: () => this.drafts.set(m.id, read()),
        oninput: () => this.drafts.set(m.id, read()),
        onsubmit: (e: Event) => {
          e.preventDefault();
          const values = read();
          this.drafts.set(m.id, values);
          this.c.send("action", { action: this.toAction(m, values) });
        },
      },
      h("p", { class: "effect" }, glossed(m.effect)),
      ...fields,
      m.done
        ? h(
            "p",
            { class: "move-done", role: "status", "data-testid": `done-${m.id}` },
            iconSvg("check"),
            `Done: ${m.done}`,
          )
        : null,
      m.reason ? h("p", { class: "reason" }, m.reason) : null,
      h(
        "button",
        {
          class: "btn small primary",
          type: "submit",
          disabled: !m.enabled,
          "data-testid": `do-${m.id}`,
        },
        m.label,
      ),
    );
    const details = h(
      "details",
      {
        class: `move${m.enabled ? "" : " disabled"}`,
        "data-move": m.id,
        open: this.openMoves.has(m.id),
        ontoggle: () => {
          if (details.open) this.openMoves.add(m.id);
          else this.openMoves.delete(m.id);
        },
      },
      h(
        "summary",
        { "data-testid": `move-${m.id}` },
        iconSvg(m.icon),
        m.label,
        m.done ? h("span", { class: "tag done-tag" }, "done") : null,
        m.enabled ? null : h("span", { class: "sr-only" }, " (not available now)"),
      ),
      form,
    );
    return details;
  }

  private toAction(m: MoveSpec, values: FieldValues) {
    return moveAction(m.id, values);
  }
}

/** "This round you did": the player's moves and votes this round, a tax change as pending. */
function didList(done: DoneItem[]): HTMLElement {
  return h(
    "div",
    { class: "did", "data-testid": "did" },
    h("h3", {}, "This round you did"),
    done.length === 0
      ? h("p", { class: "fineprint", "data-testid": "did-none" }, "Nothing yet this round.")
      : h(
          "ul",
          { "data-testid": "did-list" },
          done.map((d) =>
            h(
              "li",
              { class: d.pending ? "pending" : "", "data-done": d.id },
              d.text,
              d.pending ? h("span", { class: "tag pending-tag" }, "pending") : null,
            ),
          ),
        ),
  );
}

/** A menu's options, under an `<optgroup>` for each group when they have groups. */
function optionElements(options: readonly Option[], chosen: string): HTMLElement[] {
  const option = (o: Option) =>
    h("option", { value: o.value, selected: o.value === chosen, title: o.help ?? "" }, o.label);
  if (!options.some((o) => o.group)) return options.map(option);
  const groups = new Map<string, Option[]>();
  for (const o of options) groups.set(o.group ?? "", [...(groups.get(o.group ?? "") ?? []), o]);
  return [...groups].map(([label, list]) => h("optgroup", { label }, ...list.map(option)));
}

function fieldElement(m: MoveSpec, f: MoveSpec["fields"][number]): HTMLElement {
  const id = `move-${m.id}-${f.name}`;
  switch (f.kind) {
    case "select": {
      // When the options explain themselves, the chosen one's words show under the menu.
      const helpOf = (value: string) => f.options.find((o) => o.value === value)?.help ?? "";
      const help = f.options.some((o) => o.help)
        ? h(
            "p",
            { class: "option-help", id: `${id}-help`, "data-testid": `${id}-help` },
            helpOf(f.value),
          )
        : null;
      return h(
        "div",
        { class: "field" },
        h("label", { for: id }, f.label),
        h(
          "select",
          {
            id,
            name: f.name,
            "data-testid": id,
            "aria-describedby": help ? `${id}-help` : undefined,
            onchange: (e: Event) => {
              if (help) help.textContent = helpOf((e.target as HTMLSelectElement).value);
            },
          },
          // Nothing to choose (no rule in force to evade, say): the menu says so, not blank.
          f.options.length === 0
            ? h("option", { value: "", selected: true, disabled: true }, "Nothing to choose now")
            : optionElements(f.options, f.value),
        ),
        help,
      );
    }
    case "range": {
      const out = h("output", { for: id }, f.percent ? pct(f.value) : String(f.value));
      return h(
        "div",
        { class: "field" },
        h("label", { for: id }, f.label, " ", out),
        h("input", {
          type: "range",
          id,
          name: f.name,
          min: f.min,
          max: f.max,
          step: f.step,
          value: f.value,
          "data-testid": id,
          oninput: (e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            out.textContent = f.percent ? pct(v) : String(v);
          },
        }),
      );
    }
    case "toggle":
      return h(
        "label",
        { class: "row field", style: "color:var(--text)", title: f.help },
        h("input", { type: "checkbox", id, name: f.name, checked: f.value, "data-testid": id }),
        f.label,
        h("span", { class: "fineprint" }, f.help),
      );
  }
}
