/**
 * Toasts (server errors in plain words, notices), and the "reconnecting" banner beside them
 * (ui/reconnecting.ts).
 */
import type { AppState } from "../app/store";
import { h } from "./dom";
import { iconSvg } from "./icons";
import { renderReconnecting } from "./reconnecting";

let box: HTMLElement | null = null;
let lastKey = "";

export function renderToasts(s: AppState): void {
  if (!box) {
    box = h("div", { class: "toasts", role: "status", "aria-live": "assertive" });
    document.body.append(box);
  }
  const key = s.toasts.map((t) => t.id).join(",");
  if (key !== lastKey) {
    lastKey = key;
    box.replaceChildren(
      ...s.toasts.map((t) =>
        h(
          "div",
          { class: `toast ${t.kind}`, "data-testid": `toast-${t.kind}` },
          iconSvg(t.kind === "error" ? "hazard" : "check"),
          t.text,
        ),
      ),
    );
  }
  renderReconnecting(s);
}
