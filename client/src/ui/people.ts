/**
 * The people at the table, with the host's controls to mute or remove someone (a classroom
 * needs them), and the people the host removed, to let back in. Used in the lobby and beside
 * the chat during the game. The server checks that only the host may do any of it; the
 * buttons only appear for the host (and only the host's table lists the removed). Names are
 * text nodes (`h` never parses markup).
 */
import type { PlayerInfo, TableInfo } from "../../../shared/protocol";
import type { Controller } from "../app/controller";
import { h } from "./dom";

function describe(p: PlayerInfo): string {
  return [
    p.name,
    p.host ? " (host)" : "",
    p.spectator ? " (spectator)" : "",
    p.seat ? ` · ${p.seat}` : "",
    p.ready ? " · ready" : "",
    p.connected ? "" : " · away",
    p.muted ? " · muted" : "",
  ].join("");
}

/**
 * The host's question before removing someone: a bot takes the seat only of someone who has
 * one (a spectator or someone without a seat leaves none).
 */
export function removeQuestion(p: PlayerInfo): string {
  const after =
    p.seat && !p.spectator
      ? "A bot will take their seat."
      : p.spectator
        ? "Their screen stops showing the game."
        : "They are not in a seat, so the game goes on as it is.";
  return `Remove ${p.name} from the table? ${after} They cannot join again until you let them back in.`;
}

/** A key that changes whenever what `peopleList` shows changes. */
export function peopleKey(table: TableInfo | null, playerId: string | null): string {
  return JSON.stringify([playerId, table?.players ?? [], table?.removed ?? []]);
}

/** The host's list of removed people (only the host's table has one), each to let back in. */
function removedItems(c: Controller, table: TableInfo | null): HTMLElement[] {
  return (table?.removed ?? []).map((r) =>
    h(
      "li",
      { "data-removed": r.id },
      h("span", {}, `${r.name} (removed)`),
      h(
        "button",
        {
          class: "btn small ghost",
          style: "margin-left:8px",
          "data-testid": `unban-${r.id}`,
          "aria-label": `Let ${r.name} join this table again`,
          onclick: () => c.send("unban", { player: r.id }),
        },
        "Let back in",
      ),
    ),
  );
}

export function peopleList(
  c: Controller,
  table: TableInfo | null,
  playerId: string | null,
): HTMLElement {
  const players = table?.players ?? [];
  const iAmHost = players.some((p) => p.id === playerId && p.host);
  return h(
    "ul",
    { class: "people", "aria-label": "People at the table", "data-testid": "people" },
    players.map((p) =>
      h(
        "li",
        { "data-player": p.id },
        h("span", {}, describe(p)),
        iAmHost && p.id !== playerId
          ? h(
              "span",
              { class: "row", style: "display:inline-flex;gap:6px;margin-left:8px" },
              h(
                "button",
                {
                  class: "btn small ghost",
                  "data-testid": `mute-${p.id}`,
                  "aria-label": `${p.muted ? "Unmute" : "Mute"} ${p.name}`,
                  onclick: () => c.send("mute", { player: p.id, muted: !p.muted }),
                },
                p.muted ? "Unmute" : "Mute",
              ),
              h(
                "button",
                {
                  class: "btn small ghost",
                  "data-testid": `kick-${p.id}`,
                  "aria-label": `Remove ${p.name} from the table`,
                  onclick: () => {
                    if (window.confirm(removeQuestion(p))) {
                      c.send("kick", { player: p.id });
                    }
                  },
                },
                "Remove",
              ),
            )
          : null,
      ),
    ),
    removedItems(c, table),
  );
}
