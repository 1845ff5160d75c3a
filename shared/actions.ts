/**
 * Everything a seat can do, as one tagged union, and the rules' gate for it: `applyAction`
 * checks that an action is legal for this seat now and returns the new state, or a stable
 * error code with a sentence for people and the state untouched. Bots and people go through
 * the same gate. (The shape of a message from the network is checked before this, at the
 * server's edge; see `protocol.ts`.)
 */
import { copyBloc, copyFirm, copyLab } from "./clone";
import { isRegulationId, REGULATIONS, type RegulationId } from "./regulations";
import type { GameState, Move, Orders, Proposal, Seat, SeatId } from "./state";
import {
  MAX_MOVES_PER_ROUND,
  RELEASE_POLICIES,
  type ReleasePolicy,
  type Role,
  SLIDERS,
  SLIDERS_SHARE_BUDGET,
} from "./vocabulary";

export type Action =
  | { readonly type: "setStrategy"; readonly sliders: Readonly<Record<string, number>> }
  | { readonly type: "release"; readonly policy: ReleasePolicy }
  | { readonly type: "deployAgents" }
  | { readonly type: "license"; readonly counterpart: SeatId }
  | { readonly type: "lobby"; readonly target: SeatId; readonly stance: "for" | "against" }
  | { readonly type: "pledge" }
  | { readonly type: "relocate"; readonly bloc: number }
  | { readonly type: "acquire" }
  | { readonly type: "evade"; readonly regulation: number }
  | { readonly type: "comply"; readonly regulation: number }
  | {
      readonly type: "propose";
      readonly regulation: RegulationId;
      readonly strength: number;
      readonly accord: boolean;
    }
  | { readonly type: "repeal"; readonly regulation: number }
  | { readonly type: "emergencyPowers" }
  | { readonly type: "setTax"; readonly rate: number }
  | { readonly type: "vote"; readonly proposal: number; readonly yes: boolean };

export type ActionType = Action["type"];

export const ACTION_ROLES: Record<ActionType, readonly Role[]> = {
  setStrategy: ["government", "lab", "company"],
  release: ["lab"],
  deployAgents: ["lab"],
  license: ["lab", "company"],
  lobby: ["lab", "company"],
  pledge: ["lab"],
  relocate: ["lab", "company"],
  acquire: ["company"],
  evade: ["company"],
  comply: ["company"],
  propose: ["government"],
  repeal: ["government"],
  emergencyPowers: ["government"],
  setTax: ["government"],
  vote: ["government"],
};

export const ERROR_CODES = [
  "game_over",
  "unknown_seat",
  "wrong_role",
  "wrong_phase",
  "no_moves_left",
  "bad_sliders",
  "bad_value",
  "unknown_regulation",
  "not_available",
  "already_proposed",
  "already_in_force",
  "unknown_proposal",
  "not_a_voter",
  "unknown_target",
  "already_done",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RuleError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type ActionResult = { ok: true; state: GameState } | { ok: false; error: RuleError };

export const TAX_MIN = 0.05;
export const TAX_MAX = 0.5;

/** Actions that use one of the seat's moves this round. */
export function isMove(type: ActionType): boolean {
  return type !== "setStrategy" && type !== "vote";
}

function phaseAllows(state: GameState, type: ActionType): boolean {
  switch (type) {
    case "propose":
    case "repeal":
      return state.phase === "act";
    case "vote":
      return state.phase === "legislate";
    case "setStrategy":
    case "release":
    case "deployAgents":
    case "license":
    case "lobby":
    case "pledge":
    case "relocate":
    case "acquire":
    case "evade":
    case "comply":
    case "emergencyPowers":
    case "setTax":
      return state.phase === "act" || state.phase === "legislate";
  }
}

const PHASE_HINT: Partial<Record<ActionType, string>> = {
  propose: "Proposals can only be made in the Act phase.",
  repeal: "Repeals can only be proposed in the Act phase.",
  vote: "Votes are cast in the Legislate phase.",
};

/** Normalises role sliders; returns null when they are not valid for the role. */
export function normaliseSliders(
  role: Role,
  sliders: Readonly<Record<string, number>>,
): number[] | null {
  const names: readonly string[] = SLIDERS[role];
  const keys = Object.keys(sliders);
  if (keys.length !== names.length || !keys.every((k) => names.includes(k))) return null;
  const values = names.map((n) => sliders[n]!);
  if (!values.every((v) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1))
    return null;
  if (!SLIDERS_SHARE_BUDGET[role]) return values;
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum <= 0) return null;
  return values.map((v) => v / sum);
}

/** Checks an action without changing anything; null when it is legal. */
export function checkAction(state: GameState, seatId: SeatId, action: Action): RuleError | null {
  if (state.phase === "ended") return { code: "game_over", message: "The game is over." };
  const seat = state.seats.find((s) => s.id === seatId);
  if (!seat) return { code: "unknown_seat", message: `There is no seat ${seatId}.` };
  if (!ACTION_ROLES[action.type].includes(seat.role)) {
    return { code: "wrong_role", message: `A ${seat.role} cannot ${describe(action.type)}.` };
  }
  if (!phaseAllows(state, action.type)) {
    return {
      code: "wrong_phase",
      message:
        PHASE_HINT[action.type] ??
        `Actions can only be taken in the Act and Legislate phases, not during ${state.phase}.`,
    };
  }
  const orders = state.orders[seatId]!;
  if (isMove(action.type) && orders.used >= MAX_MOVES_PER_ROUND) {
    return {
      code: "no_moves_left",
      message: `You have used both of this round's ${MAX_MOVES_PER_ROUND} moves.`,
    };
  }
  return checkDetails(state, seat, orders, action);
}

function checkDetails(
  state: GameState,
  seat: Seat,
  orders: Orders,
  action: Action,
): RuleError | null {
  const err = (code: ErrorCode, message: string): RuleError => ({ code, message });
  const nb = state.blocs.length;
  switch (action.type) {
    case "setStrategy":
      return normaliseSliders(seat.role, action.sliders)
        ? null
        : err(
            "bad_sliders",
            `A ${seat.role}'s sliders are ${SLIDERS[seat.role].join(", ")}, each between 0 and 1${SLIDERS_SHARE_BUDGET[seat.role] ? ", not all zero" : ""}.`,
          );
    case "release":
      return RELEASE_POLICIES.includes(action.policy)
        ? null
        : err("bad_value", "Release policy must be closed, staged or open.");
    case "deployAgents": {
      const lab = state.labs.find((l) => l.seat === seat.id)!;
      return lab.autonomy >= 1
        ? err("already_done", "Your agents already run with full autonomy.")
        : null;
    }
    case "license": {
      const other = state.seats.find((s) => s.id === action.counterpart);
      const want = seat.role === "lab" ? "company" : "lab";
      if (!other || other.role !== want) return err("unknown_target", `License to a ${want} seat.`);
      const firm = state.firms.find(
        (f) => f.seat === (seat.role === "company" ? seat.id : other.id),
      )!;
      const lab = seat.role === "lab" ? seat.id : other.id;
      return firm.licensedLab === lab
        ? err("already_done", "That licence is already in place.")
        : null;
    }
    case "lobby": {
      const target = state.seats.find((s) => s.id === action.target);
      if (target?.role !== "government") return err("unknown_target", "Lobby a government seat.");
      return action.stance === "for" || action.stance === "against"
        ? null
        : err("bad_value", "Lobby for or against regulation.");
    }
    case "pledge":
      return orders.moves.some((m) => m.type === "pledge")
        ? err("already_done", "You already pledged this round.")
        : null;
    case "relocate":
      if (!Number.isInteger(action.bloc) || action.bloc < 0 || action.bloc >= nb)
        return err("bad_value", "No such bloc.");
      return action.bloc === seat.bloc
        ? err("already_done", "You are already headquartered there.")
        : null;
    case "acquire":
      return orders.moves.some((m) => m.type === "acquire")
        ? err("already_done", "One acquisition per round.")
        : null;
    case "evade":
    case "comply": {
      const reg = state.regulations.find((r) => r.uid === action.regulation);
      if (!reg || (reg.scope !== "accord" && reg.scope !== seat.bloc)) {
        return err("unknown_regulation", "That regulation does not apply to your firm.");
      }
      if (!REGULATIONS[reg.reg].penalty)
        return err("not_available", "That regulation puts no penalty on your levers to evade.");
      const firm = state.firms.find((f) => f.seat === seat.id)!;
      const evading = firm.evading.includes(action.regulation);
      if (action.type === "evade" && evading)
        return err("already_done", "You are already evading it.");
      if (action.type === "comply" && !evading)
        return err("already_done", "You already comply with it.");
      return null;
    }
    case "propose": {
      if (!isRegulationId(action.regulation))
        return err("unknown_regulation", "No such regulation.");
      if (!state.scenario.regulations.includes(action.regulation))
        return err("not_available", "That regulation is not available in this scenario.");
      if (!Number.isInteger(action.strength) || action.strength < 1 || action.strength > 3)
        return err("bad_value", "Strength must be 1, 2 or 3.");
      if (
        state.proposals.some(
          (p) =>
            p.status === "open" &&
            p.reg === action.regulation &&
            p.accord === action.accord &&
            (action.accord || p.proposer === seat.id),
        )
      ) {
        return err("already_proposed", "That proposal is already on the table.");
      }
      const scope = action.accord ? "accord" : seat.bloc;
      if (
        state.regulations.some(
          (r) =>
            r.reg === action.regulation &&
            r.scope === scope &&
            r.strength === action.strength &&
            r.endsRound === null,
        )
      ) {
        return err("already_in_force", "That regulation is already in force at that strength.");
      }
      return null;
    }
    case "repeal": {
      const reg = state.regulations.find(
        (r) => r.uid === action.regulation && r.endsRound === null,
      );
      if (!reg || (reg.scope !== "accord" && reg.scope !== seat.bloc))
        return err(
          "unknown_regulation",
          "You can only repeal a regulation in force in your bloc, or an accord.",
        );
      if (
        state.proposals.some(
          (p) => p.status === "open" && p.kind === "repeal" && p.target === reg.uid,
        )
      )
        return err("already_proposed", "A repeal of it is already on the table.");
      return null;
    }
    case "emergencyPowers":
      return state.blocs[seat.bloc]!.emergency > 0
        ? err("already_done", "Emergency powers are already in force.")
        : null;
    case "setTax":
      return Number.isFinite(action.rate) && action.rate >= TAX_MIN && action.rate <= TAX_MAX
        ? null
        : err("bad_value", `The tax rate must be between ${TAX_MIN * 100}% and ${TAX_MAX * 100}%.`);
    case "vote": {
      const p = state.proposals.find((x) => x.uid === action.proposal && x.status === "open");
      if (!p) return err("unknown_proposal", "There is no open proposal with that number.");
      if (!p.accord && p.proposer !== seat.id)
        return err(
          "not_a_voter",
          "Only the proposing government votes on a national law; lobby or propose an accord instead.",
        );
      return typeof action.yes === "boolean" ? null : err("bad_value", "A vote is yes or no.");
    }
  }
}

/** Applies a legal action and returns the new state, or the reason it is not legal. */
export function applyAction(state: GameState, seatId: SeatId, action: Action): ActionResult {
  const error = checkAction(state, seatId, action);
  if (error) return { ok: false, error };
  const seat = state.seats.find((s) => s.id === seatId)!;
  const old = state.orders[seatId]!;
  const next: GameState = { ...state };
  if (isMove(action.type)) {
    // Moves carried out at Resolve are queued; proposals, repeals and lobbying act now.
    const queued = action.type !== "propose" && action.type !== "repeal";
    const orders: Orders = {
      moves: queued ? [...old.moves, action as Move] : old.moves,
      used: old.used + 1,
    };
    const all = Object.assign({}, state.orders);
    all[seatId] = orders;
    next.orders = all;
  }
  switch (action.type) {
    case "setStrategy": {
      const values = normaliseSliders(seat.role, action.sliders)!;
      if (seat.role === "government") {
        const bloc = copyBloc(state.blocs[seat.bloc]!);
        bloc.sliders = values;
        next.blocs = replaceAt(state.blocs, seat.bloc, bloc);
      } else if (seat.role === "lab") {
        next.labs = state.labs.map((l) => {
          if (l.seat !== seatId) return l;
          const lab = copyLab(l);
          lab.sliders = values;
          return lab;
        });
      } else {
        next.firms = state.firms.map((f) => {
          if (f.seat !== seatId) return f;
          const firm = copyFirm(f);
          firm.levers = values.slice(0, 5);
          firm.rnd = values[5]!;
          return firm;
        });
      }
      return { ok: true, state: next };
    }
    case "propose": {
      const p: Proposal = {
        uid: state.nextUid,
        kind: "enact",
        reg: action.regulation,
        strength: action.strength,
        accord: action.accord,
        proposer: seatId,
        target: null,
        votes: { [seatId]: true },
        status: "open",
        support: 0,
      };
      next.nextUid = state.nextUid + 1;
      next.proposals = [...state.proposals, p];
      return { ok: true, state: next };
    }
    case "repeal": {
      const reg = state.regulations.find((r) => r.uid === action.regulation)!;
      const p: Proposal = {
        uid: state.nextUid,
        kind: "repeal",
        reg: reg.reg,
        strength: reg.strength,
        accord: reg.scope === "accord",
        proposer: seatId,
        target: reg.uid,
        votes: { [seatId]: true },
        status: "open",
        support: 0,
      };
      next.nextUid = state.nextUid + 1;
      next.proposals = [...state.proposals, p];
      return { ok: true, state: next };
    }
    case "vote":
      next.proposals = state.proposals.map((p) =>
        p.uid === action.proposal ? { ...p, votes: { ...p.votes, [seatId]: action.yes } } : p,
      );
      return { ok: true, state: next };
    case "lobby": {
      const target = state.seats.find((s) => s.id === action.target)!;
      const bloc = copyBloc(state.blocs[target.bloc]!);
      bloc.campaignMoney += state.scenario.companies.lobbyCost;
      bloc.lobby += action.stance === "for" ? 1 : -1;
      next.blocs = replaceAt(state.blocs, target.bloc, bloc);
      return { ok: true, state: next };
    }
    case "release":
    case "deployAgents":
    case "license":
    case "pledge":
    case "relocate":
    case "acquire":
    case "evade":
    case "comply":
    case "emergencyPowers":
    case "setTax":
      return { ok: true, state: next };
  }
}

function replaceAt<T>(items: readonly T[], index: number, value: T): T[] {
  const out = items.slice();
  out[index] = value;
  return out;
}

export function describe(type: ActionType): string {
  switch (type) {
    case "setStrategy":
      return "set a strategy";
    case "release":
      return "release a model";
    case "deployAgents":
      return "deploy autonomous agents";
    case "license":
      return "license a model";
    case "lobby":
      return "lobby";
    case "pledge":
      return "make a safety pledge";
    case "relocate":
      return "relocate";
    case "acquire":
      return "acquire a competitor";
    case "evade":
      return "evade a regulation";
    case "comply":
      return "comply with a regulation";
    case "propose":
      return "propose a regulation";
    case "repeal":
      return "propose a repeal";
    case "emergencyPowers":
      return "use emergency powers";
    case "setTax":
      return "set taxes";
    case "vote":
      return "vote";
  }
}
