/**
 * The dashboard's strategy sliders. A draft follows the player's drags until it is saved (on
 * release or with the button); the server's values replace it once saved or in a new round.
 */
import type { SeatView } from "../../../../shared/views";
import type { Controller } from "../../app/controller";
import { rebalance, strategyAction, strategyOf } from "../../model/dashboard";
import { pct } from "../../model/format";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { glossed } from "../term";

type Spec = ReturnType<typeof strategyOf>;

/** Two strategies closer than this on every slider are the same (the sliders step by 1%). */
const same = (a: readonly number[], b: readonly number[]) =>
  a.every((v, i) => Math.abs(v - (b[i] ?? 0)) < 0.011);

export class StrategyPanel {
  readonly el = h("div", { "data-tut": "strategy" });
  private draft: number[] | null = null;
  private draftRound = -1;
  private dirty = false;

  constructor(private readonly c: Controller) {}

  update(view: SeatView): void {
    const spec = strategyOf(view);
    const server = spec.sliders.map((x) => x.value);
    if (this.draftRound !== view.public.round || !this.dirty || !this.draft) {
      this.draft = server;
      this.draftRound = view.public.round;
    }
    const saved = same(this.draft, server);
    if (saved) this.dirty = false;
    const canAct = view.public.phase === "act" || view.public.phase === "legislate";
    const key = JSON.stringify([
      view.seat,
      view.public.round,
      canAct,
      saved,
      this.dirty ? null : server,
    ]);
    renderIf(this.el, key, () => this.build(spec, server, saved, canAct));
  }

  private build(spec: Spec, server: number[], saved: boolean, canAct: boolean): HTMLElement[] {
    const outputs: HTMLOutputElement[] = [];
    const inputs: HTMLInputElement[] = [];
    const status = h(
      "span",
      { class: "fineprint", "data-testid": "strategy-status", role: "status" },
      saved ? "Saved" : "Not saved yet",
    );
    const send = () => {
      if (!this.draft) return;
      this.c.send("action", { action: strategyAction(spec.role, this.draft) });
      // An unchanged strategy brings no new view: it is already saved.
      status.textContent = same(this.draft, server) ? "Saved" : "Sending…";
    };
    const sync = () => {
      this.draft?.forEach((v, i) => {
        if (inputs[i]) inputs[i]!.value = String(Math.round(v * 100));
        if (outputs[i]) outputs[i]!.textContent = pct(v);
        inputs[i]?.setAttribute("aria-valuetext", pct(v));
      });
    };
    const drag = (i: number, v: number) => {
      this.draft = spec.sharesBudget
        ? rebalance(this.draft!, i, v)
        : this.draft!.map((x, k) => (k === i ? v : x));
      this.dirty = true;
      status.textContent = "Not saved yet";
      sync();
    };
    const rows = spec.sliders.map((sl, i) => {
      const row = this.slider(sl, this.draft![i] ?? 0, canAct, (v) => drag(i, v), send);
      outputs.push(row.output);
      inputs.push(row.input);
      return row.el;
    });
    return [
      h("h2", {}, iconSvg("gauge"), "Strategy"),
      h(
        "p",
        { class: "fineprint" },
        spec.help,
        canAct ? "" : " You can change it in the Act and Legislate phases.",
      ),
      ...rows,
      h(
        "div",
        { class: "row" },
        h(
          "button",
          {
            class: "btn small",
            disabled: !canAct,
            onclick: send,
            "data-testid": "save-strategy",
          },
          iconSvg("check"),
          "Save strategy",
        ),
        status,
      ),
    ];
  }

  /** One labelled slider with its percentage and help. */
  private slider(
    sl: Spec["sliders"][number],
    value: number,
    canAct: boolean,
    onDrag: (v: number) => void,
    onRelease: () => void,
  ) {
    const id = `slider-${sl.name}`;
    const output = h("output", { for: id }, pct(value));
    const input = h("input", {
      type: "range",
      id,
      min: 0,
      max: 100,
      step: 1,
      value: Math.round(value * 100),
      disabled: !canAct,
      "aria-describedby": `${id}-help`,
      "data-testid": id,
      oninput: (e: Event) => onDrag(Number((e.target as HTMLInputElement).value) / 100),
      onchange: onRelease,
    });
    const el = h(
      "div",
      { class: "slider" },
      h(
        "div",
        { class: "top" },
        h("label", { for: id, style: "margin:0;color:var(--text)" }, ...glossed(sl.label)),
        output,
      ),
      input,
      h("div", { class: "help", id: `${id}-help` }, ...glossed(sl.help)),
    );
    return { el, input, output };
  }
}
