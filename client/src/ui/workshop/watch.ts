/**
 * The facilitator's silent watch of one table (`/?view=watch&table=CODE#token=TOKEN`, opened
 * from the cockpit's Watch button): joins as a spectator nobody at the table is shown; the
 * table's normal spectator screens follow, under a "Watching silently" banner.
 */
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { h } from "../dom";
import { iconSvg } from "../icons";

export function mountWatch(root: HTMLElement, c: Controller) {
  const page = c.store.get().page;
  const status = h("p", { role: "status", "data-testid": "watch-status" });
  const retry = h(
    "button",
    { class: "btn", hidden: true, onclick: () => void go() },
    iconSvg("arrow"),
    "Try again",
  );
  root.append(
    h(
      "main",
      { class: "ws-page", "data-screen": "watch" },
      h(
        "section",
        { class: "card stack ws-narrow" },
        h("h1", {}, iconSvg("eye", 22), " Silent watch"),
        status,
        retry,
      ),
    ),
  );
  const go = async () => {
    if (page?.screen !== "watch") {
      status.textContent = "This link names no table to watch. Open it from the cockpit.";
      return;
    }
    retry.hidden = true;
    status.textContent = `Joining table ${page.table} silently…`;
    const problem = await c.watch(page.table, page.token);
    if (problem) {
      status.textContent = `Watching did not work: ${problem}`;
      retry.hidden = false;
    }
  };
  void go();
  return { update(_s: AppState) {}, destroy() {} };
}
