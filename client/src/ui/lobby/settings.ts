/**
 * The lobby's game settings beside the seats: scenario (and the host's upload), length and
 * timer speed, which only the host may change; the people at the table; ready and start.
 */
import type { PlayerInfo, TableInfo } from "../../../../shared/protocol";
import type { Controller } from "../../app/controller";
import type { LobbyModel } from "../../model/lobby";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { peopleKey, peopleList } from "../people";
import { uploadControl } from "./upload";

export function renderSettings(
  el: HTMLElement,
  m: LobbyModel,
  table: TableInfo,
  playerId: string | null,
  c: Controller,
): void {
  const me = table.players.find((p) => p.id === playerId);
  renderIf(
    el,
    JSON.stringify([m.scenario, m.rounds, m.speed, m.isHost, m.startHint, me?.ready]) +
      peopleKey(table, playerId),
    () => [
      h("h2", { id: "settings-title" }, "Game"),
      ...scenarioFields(m, c),
      ...timingFields(m, c),
      h("h3", { style: "margin-top:8px" }, "People"),
      peopleList(c, table, playerId),
      readyOrWatching(me, c),
      m.isHost
        ? h(
            "button",
            {
              class: "btn primary",
              "data-testid": "start",
              onclick: () => c.send("start", {}),
            },
            iconSvg("play"),
            "Start the game",
          )
        : h("p", { class: "fineprint" }, "The host starts the game."),
      h("p", { class: "fineprint" }, m.startHint),
    ],
  );
}

function scenarioFields(m: LobbyModel, c: Controller): (HTMLElement | null)[] {
  return [
    h("label", { for: "scenario" }, "Scenario"),
    h(
      "select",
      {
        id: "scenario",
        disabled: !m.isHost,
        onchange: (e: Event) =>
          c.send("configure", { scenario: (e.target as HTMLSelectElement).value }),
      },
      m.scenarios.map((o) =>
        h(
          "option",
          { value: o.value, selected: o.value === m.scenario, title: o.description },
          o.label,
        ),
      ),
    ),
    h(
      "p",
      { class: "fineprint" },
      m.scenarios.find((o) => o.value === m.scenario)?.description ?? "",
    ),
    m.isHost ? uploadControl(c) : null,
  ];
}

/** The game's length and its timer speed. */
function timingFields(m: LobbyModel, c: Controller): HTMLElement[] {
  return [
    h("label", { for: "rounds" }, `Length: ${m.rounds} rounds (years)`),
    h("input", {
      type: "range",
      id: "rounds",
      min: 8,
      max: 20,
      step: 1,
      value: m.rounds,
      disabled: !m.isHost,
      "aria-valuetext": `${m.rounds} rounds`,
      onchange: (e: Event) =>
        c.send("configure", { rounds: Number((e.target as HTMLInputElement).value) }),
    }),
    h("label", { for: "speed" }, "Timer speed"),
    h(
      "select",
      {
        id: "speed",
        disabled: !m.isHost,
        onchange: (e: Event) =>
          c.send("configure", {
            speed: (e.target as HTMLSelectElement).value as typeof m.speed,
          }),
      },
      m.speeds.map((o) => h("option", { value: o.value, selected: o.value === m.speed }, o.label)),
    ),
  ];
}

/** Only seated players mark ready (the server refuses anyone else). */
function readyOrWatching(me: PlayerInfo | undefined, c: Controller): HTMLElement {
  return me?.seat
    ? h(
        "button",
        {
          class: "btn",
          "aria-pressed": me.ready ? "true" : "false",
          "data-testid": "lobby-ready",
          onclick: () => c.send("ready", { ready: !me.ready }),
        },
        iconSvg("check"),
        me.ready ? "Ready ✓" : "I'm ready",
      )
    : h(
        "p",
        { class: "fineprint", "data-testid": "lobby-watching" },
        me?.spectator
          ? "You are watching: this screen shows the game when the host starts it."
          : "Take a seat to play. Without one you watch the game.",
      );
}
