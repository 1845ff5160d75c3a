/**
 * The lobby's seats: each seat's role and occupant, taking or leaving a seat, the host's
 * choice of each bot's personality, and the host's buttons to add or remove seats by role.
 */
import type { TableInfo } from "../../../../shared/protocol";
import type { Controller } from "../../app/controller";
import { type LobbyModel, type LobbySeat, seatsWith } from "../../model/lobby";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";

export function renderSeats(el: HTMLElement, m: LobbyModel, table: TableInfo, c: Controller): void {
  renderIf(el, JSON.stringify(m.seats) + m.isHost + m.mySeat, () => [
    h("h2", { id: "seats-title" }, "Seats"),
    h(
      "p",
      { class: "fineprint" },
      "Pick a seat. Every seat without a person is played by a bot with a personality.",
    ),
    h(
      "div",
      { class: "seats", "data-testid": "seats" },
      m.seats.map((seat) => seatCard(seat, m.isHost, c)),
    ),
    m.isHost ? seatCounts(m, table, c) : null,
  ]);
}

function seatCard(seat: LobbySeat, isHost: boolean, c: Controller): HTMLElement {
  return h(
    "div",
    { class: `seat${seat.mine ? " mine" : ""}`, "data-seat": seat.id },
    h(
      "div",
      { class: "who" },
      iconSvg(seat.role, 20),
      seat.name,
      h("span", { class: `tag role-${seat.role}` }, seat.roleLabel),
    ),
    h(
      "div",
      { class: "fineprint" },
      seat.isBot ? iconSvg("bot", 14) : iconSvg("user", 14),
      " ",
      seat.occupant,
      seat.mine ? " (you)" : "",
      !seat.isBot && seat.ready ? " · ready" : "",
    ),
    seat.canTake
      ? h(
          "button",
          {
            class: "btn small",
            "data-testid": `take-${seat.id}`,
            onclick: () => c.send("takeSeat", { seat: seat.id }),
          },
          "Take this seat",
        )
      : seat.mine
        ? h(
            "button",
            { class: "btn small ghost", onclick: () => c.send("leaveSeat", {}) },
            "Leave seat",
          )
        : null,
    isHost && seat.isBot ? botPicker(seat, c) : null,
  );
}

/** The host's choice of a bot seat's personality. */
function botPicker(seat: LobbySeat, c: Controller): HTMLElement {
  return h(
    "div",
    {},
    h("label", { for: `bot-${seat.id}` }, "Bot personality"),
    h(
      "select",
      {
        id: `bot-${seat.id}`,
        onchange: (e: Event) =>
          c.send("setBot", {
            seat: seat.id,
            personality: (e.target as HTMLSelectElement).value,
          }),
      },
      seat.personalities.map((p) =>
        h("option", { value: p.value, selected: p.value === seat.personality }, p.label),
      ),
    ),
  );
}

/** The host's − and + for the number of seats of each role. */
function seatCounts(m: LobbyModel, table: TableInfo, c: Controller): HTMLElement {
  return h(
    "div",
    { class: "row", style: "margin-top:12px" },
    (["government", "lab", "company"] as const).map((role) => {
      const add = seatsWith(table, role, 1);
      const del = seatsWith(table, role, -1);
      return h(
        "div",
        { class: "row", role: "group", "aria-label": `${role} seats` },
        h("span", { class: `tag role-${role}` }, `${m.roleCounts[role]} × ${role}`),
        seatCountButton(`Remove a ${role} seat`, "−", del, c),
        seatCountButton(`Add a ${role} seat`, "+", add, c),
      );
    }),
  );
}

/** A − or + for a role's seats: `seats` is the table's seats after it, null if not allowed. */
function seatCountButton(
  label: string,
  text: string,
  seats: ReturnType<typeof seatsWith>,
  c: Controller,
): HTMLElement {
  return h(
    "button",
    {
      class: "btn small",
      "aria-label": label,
      disabled: !seats,
      onclick: () => seats && c.send("configure", { seats }),
    },
    text,
  );
}
