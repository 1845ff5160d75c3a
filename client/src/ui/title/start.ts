/**
 * The title screen's start card: your name, then play solo (as the role chosen, at the
 * difficulty chosen), create a private game, or join one with a code (as a player or a
 * spectator). A solo player who typed no name gets a made-up one, a projector joins as
 * "Projector"; others see a name, so a private table and a player joining need one. Opened
 * from a join link, the card leads with Join. Problems are shown in words; the buttons wait
 * while the server answers.
 */
import type { Controller } from "../../app/controller";
import { isWorkshopCode, WORKSHOP_CODE_LENGTH } from "../../app/route";
import { MEASURED_ODDS } from "../../model/difficulty";
import { rememberedName } from "../../net/session";
import { h } from "../dom";
import { iconSvg } from "../icons";
import { difficultyPicker } from "./difficulty";
import { rolePicker } from "./roles";
import { codeProblem, normaliseCode, PROJECTOR_NAME, randomName, validName } from "./validate";

export interface StartCard {
  readonly el: HTMLElement;
  readonly name: HTMLInputElement;
  readonly code: HTMLInputElement;
}

export function startCard(c: Controller, linkCode: string): StartCard {
  const err = h("p", { class: "error-text", role: "alert", "data-testid": "title-error" });
  const name = h("input", {
    type: "text",
    id: "name",
    autocomplete: "nickname",
    maxlength: 24,
    value: rememberedName(),
    placeholder: "e.g. Ada",
    "data-testid": "name",
  });
  const code = codeInput(linkCode);
  const spectator = h("input", { type: "checkbox", id: "spectator", "data-testid": "spectator" });
  const level = difficultyPicker(MEASURED_ODDS, "government");
  const roles = rolePicker((role) => level.setRole(role));
  const busy = (on: boolean) => {
    for (const b of el.querySelectorAll<HTMLButtonElement>("button[data-busy]")) b.disabled = on;
  };
  const checkedName = (): string | null => {
    const problem = validName(name.value);
    err.textContent = problem ?? "";
    if (problem) {
      name.focus();
      return null;
    }
    return name.value.trim();
  };
  const run = async (job: () => Promise<string | null>) => {
    busy(true);
    err.textContent = "";
    const problem = await job();
    busy(false);
    if (problem) err.textContent = problem;
  };
  /** The name typed, or `fallback` (shown in the field) when none was. */
  const nameOr = (fallback: () => string): string | null => {
    if (!name.value.trim()) name.value = fallback();
    return checkedName();
  };
  const solo = () => {
    // Nobody else sees a solo player's name: one is made up if none was typed.
    const n = nameOr(randomName);
    if (n)
      void run(() =>
        c.create({
          name: n,
          mode: "solo",
          role: roles.role(),
          speed: "standard",
          difficulty: level.difficulty(),
        }),
      );
  };
  const createPrivate = () => {
    const n = checkedName();
    if (n) void run(() => c.create({ name: n, mode: "private" }));
  };
  const join = () => {
    const k = normaliseCode(code.value);
    const bad = codeProblem(k);
    if (bad) {
      err.textContent = bad;
      code.focus();
      return;
    }
    // A workshop's code: its own page asks for a nickname.
    if (isWorkshopCode(k)) {
      c.openPage({ screen: "workshop-join", code: k });
      return;
    }
    // A projector on the classroom wall needs no name of its own.
    const n = spectator.checked ? nameOr(() => PROJECTOR_NAME) : checkedName();
    if (!n) return;
    void run(() => c.join(k, n, spectator.checked));
  };
  const linked = linkCode !== "";
  const soloPart = [
    h("label", {}, "Play solo against five bots as"),
    h(
      "div",
      { class: "roles", role: "group", "aria-label": "Your role in a solo game" },
      roles.buttons,
    ),
    h(
      "label",
      { style: "margin-top:10px;display:block" },
      "Difficulty (the bots at the other seats)",
    ),
    level.el,
    newGameButtons(solo, createPrivate, linked, c),
  ];
  // From a join link, Join comes first (the main button, just below the name), then solo.
  const joinPart = joinForm(code, spectator, join, linked);
  const el = h(
    "section",
    { class: "card", "aria-labelledby": "start-title" },
    h("h2", { id: "start-title" }, linked ? `Join game ${linkCode}` : "Start"),
    h("div", { class: "field" }, h("label", { for: "name" }, "Your name"), name),
    linked
      ? [joinPart, h("div", { class: "divider" }, "or play without them"), ...soloPart]
      : [...soloPart, h("div", { class: "divider" }, "or join a game"), joinPart],
    err,
  );
  return { el, name, code };
}

function codeInput(linkCode: string): HTMLInputElement {
  const code = h("input", {
    type: "text",
    id: "code",
    class: "code-input",
    maxlength: WORKSHOP_CODE_LENGTH,
    value: linkCode,
    placeholder: "ABCDE",
    autocomplete: "off",
    "aria-describedby": "code-help",
    "data-testid": "code",
    oninput: () => {
      code.value = normaliseCode(code.value);
    },
  });
  return code;
}

/** Play solo and create a private game (`linked`: a join link leads, so they are secondary). */
function newGameButtons(
  solo: () => void,
  createPrivate: () => void,
  linked: boolean,
  c: Controller,
): HTMLElement {
  return h(
    "div",
    { class: "stack", style: "margin-top:10px" },
    h(
      "button",
      {
        class: linked ? "btn" : "btn primary",
        "data-busy": true,
        "data-testid": "play-solo",
        onclick: solo,
      },
      iconSvg("play"),
      "Play solo",
    ),
    h(
      "button",
      {
        class: "btn",
        "data-busy": true,
        "data-testid": "create-private",
        onclick: createPrivate,
        title: "A table for friends or a class: you get a code and a link to share.",
      },
      iconSvg("plus"),
      "Create a private game",
    ),
    h(
      "button",
      {
        class: "btn",
        type: "button",
        "data-testid": "run-workshop",
        onclick: () => c.openPage({ screen: "workshop-setup" }),
        title:
          "For a teacher: one code for the whole class, tables seated for you, and one screen to run them all.",
      },
      iconSvg("user"),
      "Run a workshop (for teachers)",
    ),
  );
}

/** The code and Join (`linked`: opened from a join link, Join is the main button). */
function joinForm(
  code: HTMLInputElement,
  spectator: HTMLInputElement,
  join: () => void,
  linked: boolean,
): HTMLElement {
  return h(
    "form",
    {
      class: "stack",
      onsubmit: (e: Event) => {
        e.preventDefault();
        join();
      },
    },
    h("label", { for: "code" }, "Join code"),
    h(
      "div",
      { class: "row" },
      h("div", { class: "grow" }, code),
      h(
        "button",
        {
          class: linked ? "btn primary" : "btn",
          type: "submit",
          "data-busy": true,
          "data-testid": "join",
        },
        iconSvg("arrow"),
        "Join",
      ),
    ),
    h(
      "p",
      { id: "code-help", class: "fineprint" },
      "The host's screen shows a five-character code and a QR code. A workshop's code has six.",
    ),
    h(
      "label",
      { class: "row", style: "color:var(--text)" },
      spectator,
      h("span", {}, "Watch as a spectator (projector): no name needed"),
    ),
  );
}
