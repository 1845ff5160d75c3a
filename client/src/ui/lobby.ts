/**
 * The lobby: the join code large, a QR code and a link to copy; seats and roles; bots and
 * their personalities; scenario, length and timer speed (host); ready and start. Each card
 * lives in lobby/.
 */
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { buildLobby } from "../model/lobby";
import { h } from "./dom";
import { InviteCard } from "./lobby/invite";
import { renderSeats } from "./lobby/seats";
import { renderSettings } from "./lobby/settings";
import { uploaded } from "./lobby/upload";
import { HelpButton } from "./workshop/help";

export function mountLobby(root: HTMLElement, c: Controller) {
  const invite = new InviteCard(c);
  const seatsBox = h("section", { class: "card", "aria-labelledby": "seats-title" });
  const side = h("aside", { class: "card stack", "aria-labelledby": "settings-title" });
  // A workshop's student: "Ask for help" (hidden at other tables).
  const help = new HelpButton(c);
  help.el.classList.add("lobby-help");
  root.append(
    h("main", { class: "lobby", "data-screen": "lobby" }, invite.el, help.el, seatsBox, side),
  );

  return {
    update(s: AppState) {
      help.update(s);
      if (!s.table) return;
      const m = buildLobby(s.table, s.playerId, location.origin, uploaded);
      invite.update(m, s.workshop?.code ?? null);
      renderSeats(seatsBox, m, s.table, c);
      renderSettings(side, m, s.table, s.playerId, c);
    },
    destroy() {},
  };
}
