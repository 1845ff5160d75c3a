/**
 * The host's clock controls in the top bar: pause or resume, add 30 seconds, skip the phase.
 * The server checks that only the host may use them.
 */
import type { Controller } from "../../app/controller";
import { TOPBAR_TEXT } from "../../model/topbar";
import { h } from "../dom";
import { iconSvg } from "../icons";

export function hostControls(c: Controller, paused: boolean): HTMLElement[] {
  return [
    h(
      "button",
      {
        class: "btn icon-only ghost",
        "aria-label": paused ? TOPBAR_TEXT.resume : TOPBAR_TEXT.pause,
        title: paused ? "Resume" : "Pause",
        "data-testid": "pause",
        onclick: () => c.send(paused ? "resume" : "pause", {}),
      },
      iconSvg(paused ? "play" : "pause"),
    ),
    h(
      "button",
      {
        class: "btn icon-only ghost",
        "aria-label": TOPBAR_TEXT.extend,
        title: TOPBAR_TEXT.extendTitle,
        "data-testid": "extend",
        onclick: () => c.send("extend", { seconds: 30 }),
      },
      iconSvg("plus"),
    ),
    h(
      "button",
      {
        class: "btn icon-only ghost",
        "aria-label": TOPBAR_TEXT.skip,
        title: TOPBAR_TEXT.skipTitle,
        "data-testid": "skip",
        onclick: () => c.send("skip", {}),
      },
      iconSvg("skip"),
    ),
  ];
}
