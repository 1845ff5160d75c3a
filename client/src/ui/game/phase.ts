/**
 * The round and its phase: the year and round in the top bar, the strip of the round's four
 * phases, and, when the phase changes, the spoken announcement and the sound cue.
 */

import type { PublicView } from "../../../../shared/views";
import type { Phase } from "../../../../shared/vocabulary";
import { PHASE_HINT, PHASE_LABEL } from "../../model/format";
import { announce, h, renderIf } from "../dom";
import { cue } from "../sound";

const yearOf = (pub: PublicView) => pub.startYear + pub.round - 1;

export function renderRound(el: HTMLElement, pub: PublicView): void {
  renderIf(el, `${pub.round}|${pub.rounds}`, () => [
    h("span", {}, `${yearOf(pub)}`),
    h(
      "span",
      { class: "fineprint", style: "font-family:var(--body)" },
      ` · round ${pub.round}/${pub.rounds}`,
    ),
  ]);
}

export function renderPhases(el: HTMLElement, phase: Phase): void {
  renderIf(el, phase, () =>
    (["news", "act", "legislate", "resolve"] as const).map((p) =>
      h(
        "li",
        { "aria-current": p === phase ? "step" : null, title: PHASE_HINT[p] },
        PHASE_LABEL[p],
      ),
    ),
  );
}

/** Says each new phase once: a hint for screen readers, an announcement and a cue. */
export class PhaseAnnouncer {
  readonly el = h("p", { class: "sr-only", "aria-live": "polite" });
  private lastKey = "";

  update(pub: PublicView, phase: Phase): void {
    const key = `${pub.round}|${phase}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const year = yearOf(pub);
    this.el.textContent = `${year}, ${PHASE_LABEL[phase]} phase. ${PHASE_HINT[phase]}`;
    announce(`${PHASE_LABEL[phase]} phase, ${year}.`);
    cue(phase === "resolve" ? "resolve" : "phase");
    if (pub.news.some((e) => e.kind === "closeCall") && phase === "news") cue("alarm");
  }
}
