/**
 * The chat panel: the last messages, a box to write to everyone or privately to one seat,
 * and the people at the table.
 */
import type { ServerMessages } from "../../../../shared/protocol";
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { h, renderIf } from "../dom";
import { peopleKey, peopleList } from "../people";

export class ChatPanel {
  readonly el = h("div");
  private readonly log = h("div", {
    class: "chat-log",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Chat messages",
  });
  private readonly input = h("input", {
    type: "text",
    maxlength: 280,
    id: "chat-input",
    placeholder: "Say something…",
    "aria-label": "Chat message",
    "data-testid": "chat-input",
  });
  private readonly to = h("select", { "aria-label": "Send to", id: "chat-to" });
  private toKey = "";
  private readonly people = h("div");

  constructor(private readonly c: Controller) {
    const form = h(
      "form",
      {
        class: "stack",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const text = this.input.value.trim();
          if (!text) return;
          this.c.send("chat", this.to.value ? { text, to: this.to.value } : { text });
          this.input.value = "";
        },
      },
      h(
        "div",
        { class: "row" },
        h("div", { class: "grow" }, this.input),
        h("button", { class: "btn small", type: "submit", "data-testid": "chat-send" }, "Send"),
      ),
      h(
        "div",
        { class: "row" },
        h("label", { for: "chat-to", style: "margin:0" }, "To"),
        h("div", { class: "grow" }, this.to),
      ),
    );
    this.el.append(
      this.log,
      form,
      h("details", { class: "people-box" }, h("summary", {}, "People at the table"), this.people),
    );
  }

  update(s: AppState): void {
    const pub = s.view?.public;
    const seats = pub?.seats ?? [];
    const key = seats.map((x) => x.id).join();
    if (key !== this.toKey) {
      this.toKey = key;
      this.to.replaceChildren(
        h("option", { value: "" }, "Everyone"),
        ...seats
          .filter((x) => x.id !== s.seat?.seat)
          .map((x) => h("option", { value: x.id }, `${x.name} (private)`)),
      );
    }
    renderIf(this.people, peopleKey(s.table, s.playerId), () => [
      peopleList(this.c, s.table, s.playerId),
    ]);
    renderIf(this.log, String(s.chat.length), () =>
      s.chat.length === 0
        ? [
            h(
              "p",
              { class: "fineprint" },
              "No messages yet. Negotiate an accord, or call out a lab.",
            ),
          ]
        : s.chat.slice(-50).map((m: ServerMessages["chat"]) => chatLine(m)),
    );
  }
}

function chatLine(m: ServerMessages["chat"]): HTMLElement {
  return h(
    "div",
    {},
    h("span", { class: "from" }, m.from),
    m.to ? h("span", { class: "tag" }, "private") : null,
    ": ",
    m.text,
  );
}
