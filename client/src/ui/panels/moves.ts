/**
 * The dashboard's moves: a card per move the seat may make, opened to read its effect, fill in
 * its fields and send it. Which cards are open survives re-renders.
 */
import type { SeatView } from "../../../../shared/views";
import type { Controller } from "../../app/controller";
import { type FieldValues, type MoveSpec, moveAction, movesOf } from "../../model/dashboard";
import { pct } from "../../model/format";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";

export class MovesPanel {
  readonly el = h("div", { "data-tut": "moves" });
  private readonly openMoves = new Set<string>();

  constructor(private readonly c: Controller) {}

  update(view: SeatView): void {
    const moves = movesOf(view);
    renderIf(this.el, JSON.stringify(moves), () => [
      h("h2", { style: "margin-top:12px" }, iconSvg("flag"), "Moves"),
      h("p", { class: "fineprint" }, "Up to two per round. Open a move to read what it does."),
      h(
        "div",
        { class: "moves" },
        moves.map((m) => this.moveCard(m)),
      ),
    ]);
  }

  private moveCard(m: MoveSpec): HTMLElement {
    const fields = m.fields.map((f) => fieldElement(m, f));
    const form = h(
      "form",
      {
        onsubmit: (e: Event) => {
          e.preventDefault();
          const values: Record<string, string | number | boolean> = {};
          for (const el of Array.from(form.elements)) {
            if (el instanceof HTMLInputElement && el.type === "checkbox")
              values[el.name] = el.checked;
            else if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement)
              values[el.name] = el.value;
          }
          this.c.send("action", { action: this.toAction(m, values) });
        },
      },
      h("p", { class: "effect" }, m.effect),
      ...fields,
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
          f.options.map((o) =>
            h(
              "option",
              { value: o.value, selected: o.value === f.value, title: o.help ?? "" },
              o.label,
            ),
          ),
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
