/**
 * The lobby: the join code large, a QR code and a link to copy; seats and roles; bots and
 * their personalities; scenario, length and timer speed (host); ready and start.
 */
import QRCode from "qrcode";
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { buildLobby, seatsWith, type UploadedScenario } from "../model/lobby";
import { h, renderIf } from "./dom";
import { openHowTo } from "./howto";
import { iconSvg } from "./icons";
import { peopleKey, peopleList } from "./people";

/** Uploaded scenarios this browser knows the name of (id → name and description). */
const uploaded: Record<string, UploadedScenario> = {};
/** What the last upload said, kept across re-renders of the settings panel. */
let uploadMessage: { ok: boolean; lines: string[] } | null = null;

/**
 * The host's scenario upload: a JSON file is sent to the server, which validates it; the
 * errors it lists are shown as they are, and an accepted scenario is chosen for the table.
 */
function uploadControl(c: Controller): HTMLElement {
  const status = h("div", { "aria-live": "polite", "data-testid": "scenario-upload-status" });
  const show = () => {
    status.replaceChildren();
    if (!uploadMessage) return;
    const [first, ...rest] = uploadMessage.lines;
    status.append(
      h(
        "p",
        { class: uploadMessage.ok ? "fineprint" : "error-text", style: "margin:4px 0" },
        first ?? "",
      ),
    );
    if (rest.length > 0) {
      status.append(
        h(
          "ul",
          { class: "error-text", style: "margin:0;padding-left:1.1em;font-size:.85rem" },
          rest.map((l) => h("li", {}, l)),
        ),
      );
    }
  };
  show();
  return h(
    "div",
    { class: "stack", style: "gap:4px;min-width:0" },
    h("label", { for: "scenario-file" }, "Or upload a scenario (JSON)"),
    h("input", {
      type: "file",
      id: "scenario-file",
      style: "max-width:100%;min-width:0;font-size:.85rem",
      accept: "application/json,.json",
      "data-testid": "scenario-file",
      onchange: async (e: Event) => {
        const file = (e.target as HTMLInputElement).files?.[0];
        if (!file) return;
        uploadMessage = { ok: true, lines: [`Checking ${file.name}…`] };
        show();
        try {
          if (file.size > 64 * 1024) throw new RangeError("too large");
          const text = await file.text();
          const post = (url: string) =>
            fetch(url, {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: text,
            });
          // Check first (always answered 200), so a refused file is not a failed request.
          const verdict = (await (await post("/api/scenarios/check")).json()) as {
            ok: boolean;
            errors?: string[];
          };
          if (!verdict.ok) {
            uploadMessage = {
              ok: false,
              lines: ["The server refused this scenario:", ...(verdict.errors ?? [])],
            };
          } else {
            const res = await post("/api/scenarios");
            const body = (await res.json()) as {
              id?: string;
              name?: string;
              description?: string;
              message?: string;
            };
            if (res.status === 201 && body.id) {
              uploaded[body.id] = {
                name: body.name ?? body.id,
                description: body.description ?? "",
              };
              uploadMessage = {
                ok: true,
                lines: [`Using “${body.name}”. Its id, to reuse it: ${body.id}`],
              };
              c.send("configure", { scenario: body.id });
            } else {
              uploadMessage = {
                ok: false,
                lines: [body.message ?? `The upload failed (${res.status}).`],
              };
            }
          }
        } catch (err) {
          uploadMessage = {
            ok: false,
            lines: [
              err instanceof RangeError
                ? "That file is over 64 KB: a scenario is much smaller."
                : "The upload failed: is the server reachable?",
            ],
          };
        }
        show();
      },
    }),
    h(
      "a",
      { href: "/api/scenarios/standard", download: "attractor-standard.json", class: "fineprint" },
      "Download the Standard scenario as a template",
    ),
    status,
  );
}
export function mountLobby(root: HTMLElement, c: Controller) {
  const qr = h("div", { class: "qr", role: "img", "aria-label": "QR code of the join link" });
  const head = h("div", { class: "card", style: "grid-column:1/-1" });
  const seatsBox = h("section", { class: "card", "aria-labelledby": "seats-title" });
  const side = h("aside", { class: "card stack", "aria-labelledby": "settings-title" });
  root.append(h("main", { class: "lobby", "data-screen": "lobby" }, head, seatsBox, side));
  let qrFor = "";

  return {
    update(s: AppState) {
      if (!s.table) return;
      const m = buildLobby(s.table, s.playerId, location.origin, uploaded);
      if (qrFor !== m.link) {
        qrFor = m.link;
        void QRCode.toString(m.link, {
          type: "svg",
          margin: 1,
          color: { dark: "#0b1120", light: "#ffffff" },
        }).then((svg) => {
          qr.innerHTML = svg;
        });
      }
      renderIf(head, JSON.stringify([m.code, m.link, m.isHost]), () => [
        h(
          "div",
          { class: "row", style: "align-items:flex-start;gap:24px" },
          h(
            "div",
            { class: "grow stack" },
            h("h1", { style: "font-size:1.2rem;color:var(--muted)" }, "Private game · join code"),
            h(
              "div",
              {
                class: "joincode",
                "data-testid": "join-code",
                "aria-label": `Join code ${[...m.code].join(" ")}`,
              },
              m.code,
            ),
            h(
              "div",
              { class: "row" },
              h("input", {
                type: "text",
                readonly: true,
                value: m.link,
                "aria-label": "Join link",
                class: "grow",
                style: "max-width:420px",
                id: "join-link",
              }),
              h(
                "button",
                {
                  class: "btn",
                  "data-testid": "copy-link",
                  onclick: () => {
                    void navigator.clipboard?.writeText(m.link).then(
                      () => c.store.toast("Link copied."),
                      () => c.store.toast("Copy the link from the box."),
                    );
                  },
                },
                iconSvg("copy"),
                "Copy link",
              ),
              h(
                "button",
                { class: "btn ghost", onclick: () => openHowTo() },
                iconSvg("help"),
                "How to play",
              ),
              h("button", { class: "btn ghost", onclick: () => c.leave() }, "Leave"),
            ),
            h(
              "p",
              { class: "fineprint" },
              "Friends type the code on the title screen, scan the QR code, or open the link.",
            ),
          ),
          qr,
        ),
      ]);
      renderIf(seatsBox, JSON.stringify(m.seats) + m.isHost + m.mySeat, () => [
        h("h2", { id: "seats-title" }, "Seats"),
        h(
          "p",
          { class: "fineprint" },
          "Pick a seat. Every seat without a person is played by a bot with a personality.",
        ),
        h(
          "div",
          { class: "seats", "data-testid": "seats" },
          m.seats.map((seat) =>
            h(
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
              m.isHost && seat.isBot
                ? h(
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
                        h(
                          "option",
                          { value: p.value, selected: p.value === seat.personality },
                          p.label,
                        ),
                      ),
                    ),
                  )
                : null,
            ),
          ),
        ),
        m.isHost
          ? h(
              "div",
              { class: "row", style: "margin-top:12px" },
              (["government", "lab", "company"] as const).map((role) => {
                const add = s.table ? seatsWith(s.table, role, 1) : null;
                const del = s.table ? seatsWith(s.table, role, -1) : null;
                return h(
                  "div",
                  { class: "row", role: "group", "aria-label": `${role} seats` },
                  h("span", { class: `tag role-${role}` }, `${m.roleCounts[role]} × ${role}`),
                  h(
                    "button",
                    {
                      class: "btn small",
                      "aria-label": `Remove a ${role} seat`,
                      disabled: !del,
                      onclick: () => del && c.send("configure", { seats: del }),
                    },
                    "−",
                  ),
                  h(
                    "button",
                    {
                      class: "btn small",
                      "aria-label": `Add a ${role} seat`,
                      disabled: !add,
                      onclick: () => add && c.send("configure", { seats: add }),
                    },
                    "+",
                  ),
                );
              }),
            )
          : null,
      ]);
      const me = s.table.players.find((p) => p.id === s.playerId);
      renderIf(
        side,
        JSON.stringify([m.scenario, m.rounds, m.speed, m.isHost, m.startHint, me?.ready]) +
          peopleKey(s.table, s.playerId),
        () => [
          h("h2", { id: "settings-title" }, "Game"),
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
            m.speeds.map((o) =>
              h("option", { value: o.value, selected: o.value === m.speed }, o.label),
            ),
          ),
          h("h3", { style: "margin-top:8px" }, "People"),
          peopleList(c, s.table, s.playerId),
          // Only seated players mark ready (the server refuses anyone else).
          me?.seat
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
              ),
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
    },
    destroy() {},
  };
}
