/**
 * The spectator's layout (the projector on the wall): no dashboard and no "You" tab, a big
 * landscape, the news open, and a badge with the join code for anyone who wants to join (the
 * facilitator's silent watch says only that it watches silently).
 */
import type { AppState } from "../../app/store";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import type { GameTabs } from "./tabs";

export class SpectatorLayout {
  private on: boolean | null = null;

  /** `badge` is the top bar's "watching" element. */
  constructor(
    private readonly screen: HTMLElement,
    private readonly tabs: GameTabs,
    private readonly badge: HTMLElement,
  ) {}

  /** A state without a seat is a spectator's. */
  update(s: AppState): void {
    this.set(!s.view?.seat);
    const t = s.table;
    this.badge.hidden = !this.on || !t;
    if (this.on && t) {
      // The facilitator's silent watch is not an invitation: nobody joins a workshop's table by
      // its own code (students join the workshop's), so only a plain table shows its code.
      const silent = s.watching;
      renderIf(this.badge, `${t.code}:${silent}`, () =>
        silent
          ? [iconSvg("eye", 16), h("span", { class: "long" }, "Watching silently")]
          : [
              iconSvg("eye", 16),
              h("span", { class: "long" }, "Watching · join with code"),
              h("b", { class: "code" }, t.code),
            ],
      );
    }
  }

  private set(on: boolean): void {
    if (this.on === on) return;
    this.on = on;
    this.screen.toggleAttribute("data-spectator", on);
    this.tabs.hideYou(on);
    if (on) {
      this.tabs.setSide("news");
      if (this.tabs.mobile === "you") this.tabs.setMobile("world");
    }
  }
}
