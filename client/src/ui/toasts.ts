/**
 * Toasts (server errors in plain words, notices) and the "reconnecting" banner.
 */
import type { AppState } from "../app/store";
import { h } from "./dom";
import { iconSvg } from "./icons";

let box: HTMLElement | null = null;
let banner: HTMLElement | null = null;
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
  const reconnecting = s.connection === "reconnecting";
  if (reconnecting && !banner) {
    banner = h(
      "div",
      { class: "overlay-banner", role: "alert", "data-testid": "reconnecting" },
      iconSvg("wifi"),
      " Connection lost — reconnecting… Your seat is kept for you.",
    );
    document.body.append(banner);
  } else if (!reconnecting && banner) {
    banner.remove();
    banner = null;
  }
}
