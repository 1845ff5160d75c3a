/**
 * The facilitator's silent watch: a banner over the table's normal spectator screens, so the
 * facilitator never forgets that the table does not see them.
 */
import type { AppState } from "../../app/store";
import { h } from "../dom";
import { iconSvg } from "../icons";

let banner: HTMLElement | null = null;

export function renderWatchBanner(s: AppState): void {
  const on = s.watching && (s.table !== null || s.view !== null);
  if (!on) {
    banner?.remove();
    banner = null;
    document.body.classList.remove("watching-silently");
    return;
  }
  if (banner) return;
  banner = h(
    "div",
    { class: "watch-banner", role: "status", "data-testid": "watch-banner" },
    iconSvg("eye", 18),
    h("b", {}, "Watching silently"),
    h("span", {}, "— the table does not see you."),
  );
  document.body.append(banner);
  document.body.classList.add("watching-silently");
}
