/**
 * A table's chat history: the last `CHAT_HISTORY` messages, kept in memory (bounded) so that a
 * person who joins, reloads or reconnects is sent what was said (`chatHistory`), and saved with
 * the table's record for a restart (`restore.ts`). Who may read a line is decided here, for the
 * live message and the history alike: everyone a public one; a private one its sender and the
 * people in the seat it was sent to.
 */
import { CHAT_HISTORY, type ChatMessage } from "../shared/protocol";
import type { Person } from "./table";

/** Whether this person may read this chat line. */
export function mayRead(person: Person, chat: ChatMessage): boolean {
  return chat.to === null || chat.fromPlayer === person.id || person.seat === chat.to;
}

export class ChatLog {
  private readonly lines: ChatMessage[] = [];
  private count = 0;

  constructor(private readonly keep = CHAT_HISTORY) {}

  /** Records a line; the oldest goes once more than `keep` are held. */
  add(chat: ChatMessage): void {
    this.lines.push(chat);
    this.count++;
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
  }

  /** Holds these lines instead of what it held (a table taken up again from its record). */
  replace(lines: readonly ChatMessage[]): void {
    this.lines.length = 0;
    for (const line of lines) this.add(line);
  }

  /** The lines this person may read, oldest first. */
  for(person: Person): ChatMessage[] {
    return this.lines.filter((c) => mayRead(person, c));
  }

  /** Every line held, oldest first (what the table's record for a restart keeps). */
  get all(): readonly ChatMessage[] {
    return this.lines;
  }

  /** How many lines were ever added: it moves whenever what is held changes. */
  get added(): number {
    return this.count;
  }

  get size(): number {
    return this.lines.length;
  }
}
