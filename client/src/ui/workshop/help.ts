/**
 * "Ask for help" for a workshop's student, in the lobby and the game: it toggles a call the
 * facilitator's cockpit shows; the facilitator's answer resets it and is shown here.
 */
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { STUDENT_TEXT } from "../../model/cockpit";
import { h } from "../dom";
import { iconSvg } from "../icons";

export class HelpButton {
  readonly button = h("button", {
    class: "btn help-call",
    type: "button",
    "data-testid": "ask-help",
    "aria-pressed": "false",
  });
  private readonly answer = h("span", {
    class: "help-answer",
    role: "status",
    "data-testid": "help-answer",
  });
  readonly el = h("div", { class: "help-box", hidden: true }, this.button, this.answer);
  private key = "";

  constructor(private readonly c: Controller) {
    this.button.addEventListener("click", () => {
      this.c.askHelp(!(this.c.store.get().workshop?.help ?? false));
    });
  }

  update(s: AppState): void {
    const w = s.workshop;
    this.el.hidden = w === null || s.watching;
    if (!w) return;
    const key = `${w.help}|${w.helped ?? ""}`;
    if (key === this.key) return;
    this.key = key;
    this.button.setAttribute("aria-pressed", w.help ? "true" : "false");
    const label = w.help ? "Help asked (cancel)" : "Ask for help";
    // The words may be hidden on a phone's top bar: the label keeps them for screen readers.
    this.button.setAttribute("aria-label", label);
    this.button.replaceChildren(iconSvg("hands", 18), h("span", { class: "help-label" }, label));
    this.button.title = w.help ? STUDENT_TEXT.helpAsked : STUDENT_TEXT.askHelp;
    this.answer.textContent = w.help ? STUDENT_TEXT.helpSeen : w.helped ? w.helped : "";
  }
}
