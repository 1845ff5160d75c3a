/**
 * The chat panel: the table's last messages (the server sends them again after a reload or a
 * reconnection), a box to write to everyone or privately to one seat, who the host muted, and
 * the people at the table. Every line is text (`h` makes text nodes) and wraps inside the
 * panel, however long its words (the `.chat-log` block in style.css).
 */
import type { ChatMessage, PlayerInfo } from "../../../../shared/protocol";
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
  private readonly send = h(
    "button",
    { class: "btn small", type: "submit", "data-testid": "chat-send" },
    "Send",
  );
  private toKey = "";
  private readonly people = h("div");
  /** Who the host muted: you (you cannot write), or the others by name. */
  private readonly muted = h("div", { class: "chat-muted-box" });

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
      h("div", { class: "row" }, h("div", { class: "grow" }, this.input), this.send),
      h(
        "div",
        { class: "row" },
        h("label", { for: "chat-to", style: "margin:0" }, "To"),
        h("div", { class: "grow" }, this.to),
      ),
    );
    this.el.className = "chat-panel";
    this.el.append(
      this.log,
      this.muted,
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
    const players = s.table?.players ?? [];
    const mutedIds = new Set(players.filter((p) => p.muted).map((p) => p.id));
    const meMuted = s.playerId !== null && mutedIds.has(s.playerId);
    this.input.disabled = meMuted;
    this.send.disabled = meMuted;
    this.to.disabled = meMuted;
    renderIf(this.muted, JSON.stringify([meMuted, [...mutedIds]]), () =>
      mutedNotice(meMuted, players, s.playerId),
    );
    const first = s.chat[0];
    const last = s.chat[s.chat.length - 1];
    const logKey = JSON.stringify([s.chat.length, first?.at, last?.at, [...mutedIds]]);
    renderIf(this.log, logKey, () =>
      s.chat.length === 0
        ? [
            h(
              "p",
              { class: "fineprint" },
              "No messages yet. Negotiate an accord, or call out a lab.",
            ),
          ]
        : s.chat.map((m) => chatLine(m, mutedIds.has(m.fromPlayer))),
    );
  }
}

/** Says who is muted: you (you may read but not write), or the others, by name. */
function mutedNotice(meMuted: boolean, players: PlayerInfo[], me: string | null): HTMLElement[] {
  const others = players.filter((p) => p.muted && p.id !== me).map((p) => p.name);
  const out: HTMLElement[] = [];
  if (meMuted)
    out.push(
      h(
        "p",
        { class: "chat-muted you", role: "status", "data-testid": "chat-muted-me" },
        "The host has muted you: you can read the chat, but not write in it.",
      ),
    );
  if (others.length > 0)
    out.push(
      h(
        "p",
        { class: "chat-muted", "data-testid": "chat-muted-others" },
        `Muted by the host: ${others.join(", ")}.`,
      ),
    );
  return out;
}

function chatLine(m: ChatMessage, muted: boolean): HTMLElement {
  return h(
    "div",
    { class: "chat-line", "data-from": m.fromPlayer },
    h("span", { class: "from" }, m.from),
    muted
      ? h(
          "span",
          { class: "tag muted-tag", "data-testid": "muted-label", title: "The host muted them" },
          "muted",
        )
      : null,
    m.to ? h("span", { class: "tag" }, "private") : null,
    ": ",
    h("span", { class: "text" }, m.text),
  );
}
