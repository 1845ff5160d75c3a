/**
 * The companies' own firms. A company sets its firm's levers directly; its profit follows the
 * same equation as the market's, less the penalties of the rules it complies with, less R&D
 * spending, licence fees and fines. Its choices feed the same welfare equations.
 */
import { firmPenalty, harmPrices, leverGains, leverProfit } from "./market";
import { type BlocPolicy, intensityOf } from "./policy";
import { streamRng } from "./rng";
import type { GameEvent, GameState } from "./state";
import { LEVERS, LV } from "./vocabulary";

const NL = LEVERS.length;
const gains = new Array<number>(NL).fill(0);
const penalty = new Array<number>(NL).fill(0);
const prices = new Array<number>(NL).fill(0);

export function stepFirms(
  state: GameState,
  policies: readonly BlocPolicy[],
  shock: number,
  events: GameEvent[],
): void {
  const s = state.scenario;
  const c = s.companies;
  const P = state.pressure;
  const innovation = s.economy.innovationGrowth * P ** s.economy.innovationBeta;
  for (let fi = 0; fi < state.firms.length; fi++) {
    const firm = state.firms[fi]!;
    const seat = state.seats.find((x) => x.id === firm.seat)!;
    const pol = policies[seat.bloc]!;
    leverGains(s, firm.sector, P, gains);
    const lab = firm.licensedLab ? state.labs.find((l) => l.seat === firm.licensedLab) : undefined;
    if (lab) gains[0]! *= 1 + c.licenseBoost * Math.min(2, lab.capability / 50);
    firmPenalty(state, firm, pol, penalty);
    harmPrices(s, pol, state.blocs[seat.bloc]!.measurement, prices);
    // The firm's own R&D is paid for below (rndSpend), so only its levers enter here.
    const levers = leverProfit(s, gains, 0, firm.levers, 0, penalty, prices);
    const fromLevers = s.economy.profitToGrowth * levers;
    // The levers pay the firm directly (leverProfit), besides the growth they bring.
    const profitRate = c.margin + c.leverProfit * levers - firm.rnd * c.rndSpend - pol.outputDrag;
    let profit = firm.output * profitRate;
    // The price on externalities: paid to the government of the firm's bloc.
    const levy = pol.levy * firm.levers[LV.externalisation]! * firm.output;
    profit -= levy;
    state.blocs[seat.bloc]!.budget += levy;
    if (lab) {
      // The fee scales with the firm: a share of its output.
      const fee = s.labs.licenseFeeShare * firm.output;
      profit -= fee;
      lab.revenue += fee;
    }
    // Evasion is caught with a chance that rises with the bloc's enforcement and measurement.
    const detect = streamRng(state.seed, state.round, "evasion", fi);
    for (const uid of firm.evading) {
      const reg = state.regulations.find((r) => r.uid === uid);
      const k = reg ? intensityOf(pol, reg.reg) : 0;
      if (k <= 0) continue;
      state.goodhart.adversarial++;
      const b = state.blocs[seat.bloc]!;
      const chance = c.detection * (0.3 + 0.7 * b.enforcement) * (0.5 + 0.5 * b.measurement);
      if (detect.next() < chance) {
        const fine = c.fine * firm.output * k;
        profit -= fine;
        firm.detectedEvasions++;
        state.visibleSafety = Math.max(0, state.visibleSafety - s.safety.evasion);
        events.push({
          round: state.round,
          kind: "evasionDetected",
          seat: firm.seat,
          public: true,
          text: `${seat.name} was caught evading a regulation and fined ${fine.toFixed(1)}.`,
        });
      }
    }
    firm.lastProfit = profit;
    firm.cash += profit;
    const growth =
      s.economy.baseGrowth +
      innovation * (1 - pol.benefitDrag * 0.5) +
      fromLevers +
      firm.rnd * c.rndGrowth * P ** s.economy.innovationBeta -
      pol.outputDrag +
      shock;
    firm.output = Math.max(0.01, firm.output * (1 + growth));
  }
}
