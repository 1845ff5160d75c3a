/**
 * The phase clock in the top bar: the time left in the phase, counted down locally between
 * the server's table messages, or "Paused". Low time is marked.
 */
import type { AppState } from "../../app/store";
import { clock } from "../../model/format";
import { h } from "../dom";
import { iconSvg } from "../icons";

export class PhaseClock {
  readonly el = h("div", {
    class: "timer",
    role: "timer",
    "aria-live": "off",
    "data-testid": "timer",
  });
  private readonly tick: ReturnType<typeof setInterval>;

  /** `state` gives the latest state; the clock redraws itself four times a second. */
  constructor(private readonly state: () => AppState) {
    this.tick = setInterval(() => this.render(), 250);
  }

  render(): void {
    const ms = this.remaining();
    const t = this.state().table;
    this.el.replaceChildren(
      iconSvg(t?.paused ? "pause" : "clock", 18),
      t?.paused ? "Paused" : clock(ms),
    );
    this.el.classList.toggle("low", !t?.paused && ms < 10_000);
    this.el.setAttribute(
      "aria-label",
      t?.paused ? "Paused" : `${Math.ceil(ms / 1000)} seconds left`,
    );
  }

  stop(): void {
    clearInterval(this.tick);
  }

  private remaining(): number {
    const s = this.state();
    const t = s.table;
    if (!t) return 0;
    return t.paused ? t.remainingMs : t.remainingMs - (performance.now() - s.tableAt);
  }
}
