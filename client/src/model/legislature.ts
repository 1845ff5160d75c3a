/**
 * The legislature as data: proposals on the table with their votes, what the seat may vote
 * on, the pipeline of passed laws ramping in, the laws in force, and the catalogue with each
 * regulation's plain explanation, burden and family (a brake or better measurement). Pure.
 */
import { ACTION_ROLES } from "../../../shared/actions";
import { FAMILY_LABEL, REGULATIONS, type RegulationFamily } from "../../../shared/regulations";
import type { PublicView, SeatView } from "../../../shared/views";
import { pct } from "./format";

export interface VoteRow {
  readonly seat: string;
  readonly name: string;
  readonly vote: "yes" | "no" | "pending";
}

export interface ProposalRow {
  readonly uid: number;
  readonly title: string;
  readonly kind: "enact" | "repeal";
  readonly scope: string;
  readonly strength: number;
  readonly family: RegulationFamily;
  readonly familyLabel: string;
  readonly explain: string;
  readonly burdens: string;
  readonly proposer: string;
  readonly status: "open" | "passed" | "failed";
  readonly statusText: string;
  readonly votes: VoteRow[];
  /** Whether this seat may vote on it now, and its current vote. */
  readonly canVote: boolean;
  readonly myVote: boolean | null;
}

export interface LawRow {
  readonly uid: number;
  readonly title: string;
  readonly scope: string;
  readonly strength: number;
  readonly family: RegulationFamily;
  readonly familyLabel: string;
  readonly explain: string;
  readonly burdens: string;
  readonly ramp: number;
  readonly rampText: string;
  /** Share of its effect lost to loopholes (0 to 1). */
  readonly loopholes: number;
  readonly proposer: string;
}

export interface LegislatureModel {
  readonly proposals: ProposalRow[];
  readonly pipeline: LawRow[];
  readonly inForce: LawRow[];
  readonly catalogue: {
    id: string;
    name: string;
    family: RegulationFamily;
    familyLabel: string;
    explain: string;
    burdens: string;
  }[];
  readonly votingHelp: string;
}

export const FAMILY_HELP: Record<RegulationFamily, string> = {
  brake:
    "A brake caps or penalises a lever. It slows the slide toward a basin, like early stopping, but does not lift the peak of welfare.",
  measurement:
    "Better measurement shrinks the gap between the proxy and welfare, which moves the peak of true welfare out and up.",
  support: "Support cushions the harm and helps welfare recover. It costs public money.",
  theatre:
    "Fake safety checks make things look safer and win votes, but change almost nothing that matters.",
};

export const FAMILY_ICON: Record<RegulationFamily, string> = {
  brake: "brake",
  measurement: "ruler",
  support: "hands",
  theatre: "mask",
};

function scopeText(pub: PublicView, scope: number | "accord"): string {
  return scope === "accord" ? "Accord (every bloc)" : `National: ${pub.blocs[scope]?.name ?? "?"}`;
}

export function buildLegislature(pub: PublicView, seat: SeatView | null): LegislatureModel {
  const name = (id: string) => pub.seats.find((s) => s.id === id)?.name ?? id;
  const bloc = (id: string) => pub.seats.find((s) => s.id === id)?.bloc ?? 0;
  const govs = pub.seats.filter((s) => s.role === "government");
  const me = seat?.seat ?? null;
  // What this seat may vote on now is the rules' word (the view's offers).
  const votable = seat?.actions.vote.enabled ? (seat.actions.vote.options?.proposal ?? []) : [];
  const proposals = pub.proposals.map((p): ProposalRow => {
    const spec = REGULATIONS[p.reg];
    const voters = p.accord ? govs : govs.filter((g) => g.id === p.proposer);
    const canVote = votable.includes(p.uid);
    return {
      uid: p.uid,
      title: `${p.kind === "repeal" ? "Repeal: " : ""}${spec.name}`,
      kind: p.kind,
      scope: p.accord
        ? "Accord (every bloc)"
        : `National: ${pub.blocs[bloc(p.proposer)]?.name ?? "?"}`,
      strength: p.strength,
      family: spec.family,
      familyLabel: FAMILY_LABEL[spec.family],
      explain: spec.explain,
      burdens: spec.burdens,
      proposer: name(p.proposer),
      status: p.status,
      statusText:
        p.status === "open"
          ? p.accord
            ? "Needs every government's yes"
            : "Needs a majority in parliament"
          : p.status === "passed"
            ? `Passed (support ${Math.round(p.support)})`
            : `Failed (support ${Math.round(p.support)})`,
      votes: voters.map((v) => ({
        seat: v.id,
        name: v.name,
        vote: p.votes[v.id] === undefined ? "pending" : p.votes[v.id] ? "yes" : "no",
      })),
      canVote,
      myVote: me && p.votes[me] !== undefined ? p.votes[me]! : null,
    };
  });
  const law = (r: PublicView["regulations"][number]): LawRow => {
    const spec = REGULATIONS[r.reg];
    return {
      uid: r.uid,
      title: spec.name,
      scope: scopeText(pub, r.scope),
      strength: r.strength,
      family: spec.family,
      familyLabel: FAMILY_LABEL[spec.family],
      explain: spec.explain,
      burdens: spec.burdens,
      ramp: r.ramp,
      rampText:
        (r.ramp <= 0
          ? r.amends !== null
            ? "Amendment: closes the loopholes next round"
            : "In the pipeline: takes effect next round"
          : r.ramp < 1
            ? `Ramping in: ${pct(r.ramp)}`
            : r.endsRound !== null
              ? `Repealed from round ${r.endsRound}`
              : "In full force") +
        (r.loopholes > 0
          ? ` · firms found loopholes: it works at ${pct(1 - r.loopholes)}; propose it again to close them`
          : ""),
      loopholes: r.loopholes,
      proposer: name(r.proposer),
    };
  };
  const active = pub.regulations.filter((r) => r.endsRound === null || r.endsRound > pub.round);
  return {
    proposals,
    pipeline: active.filter((r) => r.ramp < 1).map(law),
    inForce: active.filter((r) => r.ramp >= 1).map(law),
    catalogue: pub.regulationsAvailable.map((id) => {
      const s = REGULATIONS[id];
      return {
        id,
        name: s.name,
        family: s.family,
        familyLabel: FAMILY_LABEL[s.family],
        explain: s.explain,
        burdens: s.burdens,
      };
    }),
    votingHelp:
      seat && ACTION_ROLES.vote.includes(seat.self.role)
        ? "You vote on your own national proposals and on every accord. An accord needs every government."
        : "Only governments vote. You can lobby a government (a move) for or against regulation.",
  };
}
