/**
 * Server errors in words a player understands. The server sends a code and a sentence; the
 * rules' sentences are already written for people, the protocol's codes get ours.
 */
import { type ErrorMessage, JOIN_ERRORS } from "../../../shared/protocol";

const PLAIN: Record<string, string> = {
  bad_message: "The game did not understand that request. Try again.",
  unknown_type: "The game did not understand that request.",
  too_fast: "Slow down a little: too many clicks at once.",
  too_large: "That was too long to send.",
  not_host: "Only the host can do that.",
  not_seated: "Take a seat first.",
  seat_taken: "Somebody already sits there. Pick another seat.",
  wrong_stage: "That is not possible at this stage of the game.",
  muted: "The host has muted you in the chat.",
  internal: "Something went wrong on the server. Your game goes on.",
  game_over: "The game is over.",
  wrong_phase: "That is not possible in this phase.",
  no_moves_left: "You have used both moves this round.",
};

export function plainError(e: Pick<ErrorMessage, "code" | "message">): string {
  const fromServer = e.message?.trim();
  // The rules' messages are written for players; protocol messages may be technical.
  if (fromServer && !/[{}[\]]|zod|schema|undefined|Expected/i.test(fromServer)) return fromServer;
  return PLAIN[e.code] ?? "That did not work. Try again.";
}

const JOIN_PLAIN: Record<number, string> = {
  [JOIN_ERRORS.notAllowed]: "You cannot join that table (you were removed, or it is a solo game).",
  [JOIN_ERRORS.tooManyTables]:
    "You have created many games in a short time. Wait a minute and try again.",
  [JOIN_ERRORS.serverFull]: "The server is busy with as many games as it can run. Try again soon.",
  [JOIN_ERRORS.tableFull]: "That table is full.",
};

/** Errors from joining or creating a room (before any message). */
export function joinError(err: unknown): string {
  const code = typeof err === "object" && err !== null && "code" in err ? Number(err.code) : 0;
  const text = err instanceof Error ? err.message : String(err);
  if (code === JOIN_ERRORS.badOptions && text) return text;
  if (JOIN_PLAIN[code]) return JOIN_PLAIN[code]!;
  if (/not found|no rooms? found|invalid room|locked/i.test(text))
    return "No game with that code is open. Check the code with whoever invited you.";
  if (/full/i.test(text)) return "That game is full. You can still watch as a spectator.";
  if (/name/i.test(text)) return text;
  if (/fetch|network|ECONNREFUSED|Failed|closed/i.test(text))
    return "Cannot reach the game server. Check your connection; we will keep trying.";
  return text || "Could not join the game.";
}
