/**
 * The debrief: the ending; true welfare revealed beside the proxy for every round, with the
 * counterfactual "no regulation" line; each risk over time; who drove what; the regulations on
 * a timeline; each player's proxy score beside what the world got; where harm moved off the
 * measured welfare dimensions; the CSV and the record.
 * Each section lives in debrief/.
 */
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { DEFAULT_BOX } from "../model/chart";
import { buildDebrief } from "../model/debrief";
import { riskSection, welfareSection } from "./debrief/charts";
import { driversSection } from "./debrief/drivers";
import { harmSection } from "./debrief/harm";
import { debriefHeader } from "./debrief/header";
import { regulationsSection } from "./debrief/regulations";
import { scoresSection } from "./debrief/scores";
import { h, renderIf } from "./dom";

export function mountDebrief(root: HTMLElement, c: Controller) {
  const main = h("main", { class: "debrief", "data-screen": "debrief" });
  root.append(main);
  return {
    update(st: AppState) {
      const msg = st.debrief;
      if (!msg) return;
      const pub = st.view?.public ?? null;
      // A narrower chart on phones keeps its labels readable when it is scaled to the screen.
      const narrow = window.innerWidth < 600;
      const box = narrow
        ? { ...DEFAULT_BOX, width: 320, height: 210 }
        : { ...DEFAULT_BOX, width: 520, height: 240 };
      const m = buildDebrief(msg, pub, st.seat?.seat ?? null, box);
      renderIf(main, JSON.stringify([msg.gameId, m.rounds, st.seat?.seat]), () => {
        return [
          debriefHeader(m, c),
          welfareSection(m),
          riskSection(m),
          scoresSection(m),
          harmSection(m),
          driversSection(m),
          regulationsSection(m),
        ];
      });
    },
    destroy() {},
  };
}
