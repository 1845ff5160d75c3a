/**
 * The title screen (plain DOM, no Phaser): play solo, create a private game, join with a code,
 * how to play.
 */
import { CODE_ALPHABET, CODE_LENGTH } from "../../../shared/protocol";
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { rememberedName } from "../net/session";
import { h } from "./dom";
import { openHowTo } from "./howto";
import { iconSvg } from "./icons";

type Role = "government" | "lab" | "company";
const ROLE_CHOICES: { role: Role; label: string; icon: string; help: string }[] = [
  {
    role: "government",
    label: "Government",
    icon: "government",
    help: "Pass laws, set taxes, measure welfare. Your score: approval.",
  },
  {
    role: "lab",
    label: "AI lab",
    icon: "lab",
    help: "Race for capability or invest in safety. Your score: lead and revenue.",
  },
  {
    role: "company",
    label: "Company",
    icon: "company",
    help: "Set your firm's levers. Your score: profit.",
  },
];

const NAME_RE = /^[\p{L}\p{N} _.'-]{1,24}$/u;

export function validName(name: string): string | null {
  const n = name.trim();
  if (!n) return "Type a name first.";
  if (n.length > 24) return "Names are at most 24 characters.";
  if (!NAME_RE.test(n)) return "Names may use letters, digits, spaces and _ . ' -";
  return null;
}

export function normaliseCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, CODE_LENGTH);
}

export function validCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}

export function mountTitle(root: HTMLElement, c: Controller) {
  const params = new URLSearchParams(location.search);
  const linkCode = normaliseCode(params.get("join") ?? params.get("code") ?? "");
  let role: Role = "government";
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
  const code = h("input", {
    type: "text",
    id: "code",
    class: "code-input",
    maxlength: CODE_LENGTH,
    value: linkCode,
    placeholder: "ABCDE",
    autocomplete: "off",
    "aria-describedby": "code-help",
    "data-testid": "code",
    oninput: () => {
      code.value = normaliseCode(code.value);
    },
  });
  const spectator = h("input", { type: "checkbox", id: "spectator", "data-testid": "spectator" });
  const roleBtns = ROLE_CHOICES.map((r) =>
    h(
      "button",
      {
        class: "btn",
        type: "button",
        "aria-pressed": r.role === role ? "true" : "false",
        title: r.help,
        "data-testid": `solo-role-${r.role}`,
        onclick: () => {
          role = r.role;
          for (const [i, b] of roleBtns.entries())
            b.setAttribute("aria-pressed", ROLE_CHOICES[i]!.role === role ? "true" : "false");
        },
      },
      iconSvg(r.icon, 22),
      r.label,
    ),
  );
  const busy = (on: boolean) => {
    for (const b of root.querySelectorAll<HTMLButtonElement>("button[data-busy]")) b.disabled = on;
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
  const solo = () => {
    const n = checkedName();
    if (n) void run(() => c.create({ name: n, mode: "solo", role, speed: "standard" }));
  };
  const createPrivate = () => {
    const n = checkedName();
    if (n) void run(() => c.create({ name: n, mode: "private" }));
  };
  const join = () => {
    const n = checkedName();
    if (!n) return;
    const k = normaliseCode(code.value);
    if (!validCode(k)) {
      err.textContent = `A code has ${CODE_LENGTH} letters and digits, like the one on the host's screen.`;
      code.focus();
      return;
    }
    void run(() => c.join(k, n, spectator.checked));
  };
  const form = h(
    "section",
    { class: "card", "aria-labelledby": "start-title" },
    h("h2", { id: "start-title" }, "Start"),
    h("div", { class: "field" }, h("label", { for: "name" }, "Your name"), name),
    h("label", {}, "Play solo against five bots as"),
    h("div", { class: "roles", role: "group", "aria-label": "Your role in a solo game" }, roleBtns),
    h(
      "div",
      { class: "stack", style: "margin-top:10px" },
      h(
        "button",
        { class: "btn primary", "data-busy": true, "data-testid": "play-solo", onclick: solo },
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
    ),
    h("div", { class: "divider" }, "or join a game"),
    h(
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
          { class: "btn", type: "submit", "data-busy": true, "data-testid": "join" },
          iconSvg("arrow"),
          "Join",
        ),
      ),
      h(
        "p",
        { id: "code-help", class: "fineprint" },
        "The host's screen shows a five-character code and a QR code.",
      ),
      h(
        "label",
        { class: "row", style: "color:var(--text)" },
        spectator,
        " Watch as a spectator (projector)",
      ),
    ),
    err,
  );
  const hero = h(
    "section",
    { class: "hero" },
    h("img", { src: "/logo.svg", alt: "", class: "logo", width: 96, height: 96 }),
    h("h1", {}, "Attract", h("span", {}, "or")),
    h(
      "p",
      { class: "tagline" },
      "The economy is an optimiser. It climbs what it can measure, and AI makes it climb faster. Govern it before it falls into a basin it cannot leave.",
    ),
    h(
      "div",
      { class: "row" },
      h(
        "button",
        { class: "btn", "data-testid": "how-to-play", onclick: () => openHowTo() },
        iconSvg("help"),
        "How to play",
      ),
      h(
        "span",
        { class: "fineprint" },
        "3–9 players · 20–60 minutes · solo, friends or a classroom",
      ),
    ),
    h(
      "div",
      { class: "pitch" },
      h(
        "div",
        {},
        h("b", {}, iconSvg("government"), "Governments"),
        "pass regulation: brakes, better measurement, or theatre.",
      ),
      h(
        "div",
        {},
        h("b", {}, iconSvg("lab"), "AI labs"),
        "race for capability, or spend on safety and fall behind.",
      ),
      h(
        "div",
        {},
        h("b", {}, iconSvg("company"), "Companies"),
        "pull the levers the market pulls, for profit.",
      ),
    ),
  );
  root.append(h("main", { class: "title", "data-screen": "title" }, hero, form));
  if (linkCode) (rememberedName() ? code : name).focus();
  return {
    update(_s: AppState) {},
    destroy() {},
  };
}
