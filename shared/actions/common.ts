/**
 * Actions more than one role takes: a strategy (every role), licensing, lobbying and
 * relocating (labs and companies).
 */
import { z } from "zod";
import { copyBloc, copyFirm, copyLab } from "../clone";
import { type Role, SLIDERS, SLIDERS_SHARE_BUDGET } from "../vocabulary";
import { defineAction, replaceAt, ruleError } from "./kit";

const finite = z.number().finite();
export const seatIdSchema = z.string().regex(/^[GLC][1-9]$/);

/** Whether sliders are valid for the role: exactly its names, each in [0, 1], not all 0 if they share a budget. */
function slidersValid(role: Role, sliders: Readonly<Record<string, number>>): boolean {
  const names: readonly string[] = SLIDERS[role];
  const keys = Object.keys(sliders);
  if (keys.length !== names.length) return false;
  for (let i = 0; i < keys.length; i++) if (!names.includes(keys[i]!)) return false;
  let sum = 0;
  for (let i = 0; i < names.length; i++) {
    const v = sliders[names[i]!];
    if (!(typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1)) return false;
    sum += v;
  }
  return !SLIDERS_SHARE_BUDGET[role] || sum > 0;
}

/** Normalises role sliders; returns null when they are not valid for the role. */
export function normaliseSliders(
  role: Role,
  sliders: Readonly<Record<string, number>>,
): number[] | null {
  return slidersValid(role, sliders) ? normalised(role, sliders) : null;
}

/** Valid sliders (`slidersValid`) as the role's shares, in its order. */
function normalised(role: Role, sliders: Readonly<Record<string, number>>): number[] {
  const names: readonly string[] = SLIDERS[role];
  const values = names.map((n) => sliders[n]!);
  if (!SLIDERS_SHARE_BUDGET[role]) return values;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / sum;
  return values;
}

export const setStrategy = defineAction(
  z.strictObject({
    type: z.literal("setStrategy"),
    sliders: z.record(z.string().max(20), finite.min(0).max(1)),
  }),
)({
  verb: "set a strategy",
  roles: ["government", "lab", "company"],
  phases: ["act", "legislate"],
  usesMove: false,
  check: ({ seat }, action) =>
    slidersValid(seat.role, action.sliders)
      ? null
      : ruleError(
          "bad_sliders",
          `A ${seat.role}'s sliders are ${SLIDERS[seat.role].join(", ")}, each between 0 and 1${SLIDERS_SHARE_BUDGET[seat.role] ? ", not all zero" : ""}.`,
        ),
  now(state, seat, action) {
    // The check has found them valid.
    const values = normalised(seat.role, action.sliders);
    switch (seat.role) {
      case "government": {
        const bloc = copyBloc(state.blocs[seat.bloc]!);
        bloc.sliders = values;
        return { blocs: replaceAt(state.blocs, seat.bloc, bloc) };
      }
      case "lab":
        return {
          labs: state.labs.map((l) => {
            if (l.seat !== seat.id) return l;
            const lab = copyLab(l);
            lab.sliders = values;
            return lab;
          }),
        };
      case "company":
        return {
          firms: state.firms.map((f) => {
            if (f.seat !== seat.id) return f;
            const firm = copyFirm(f);
            firm.levers = values.slice(0, 5);
            firm.rnd = values[5]!;
            return firm;
          }),
        };
    }
  },
});

const counterpartRole = (role: Role): Role => (role === "lab" ? "company" : "lab");

export const license = defineAction(
  z.strictObject({ type: z.literal("license"), counterpart: seatIdSchema }),
)({
  verb: "license a model",
  roles: ["lab", "company"],
  phases: ["act", "legislate"],
  usesMove: true,
  available({ state, seat }) {
    const want = counterpartRole(seat.role);
    const counterpart = state.seats.filter((s) => s.role === want).map((s) => s.id);
    return {
      blocked:
        counterpart.length === 0
          ? ruleError("unknown_target", `There is no ${want} at this table.`)
          : null,
      options: { counterpart },
    };
  },
  check({ state, seat }, action) {
    const other = state.seats.find((s) => s.id === action.counterpart);
    const want = counterpartRole(seat.role);
    if (!other || other.role !== want)
      return ruleError("unknown_target", `License to a ${want} seat.`);
    const firm = state.firms.find(
      (f) => f.seat === (seat.role === "company" ? seat.id : other.id),
    )!;
    const lab = seat.role === "lab" ? seat.id : other.id;
    return firm.licensedLab === lab
      ? ruleError("already_done", "That licence is already in place.")
      : null;
  },
  atResolve({ state, seat, lab, firm, news }, move) {
    const f = firm ?? state.firms.find((x) => x.seat === move.counterpart)!;
    const l = lab ? seat.id : move.counterpart;
    f.licensedLab = l;
    news(
      "license",
      `${seatName(state.seats, f.seat)} now licenses ${seatName(state.seats, l)}'s models.`,
    );
  },
});

export const lobby = defineAction(
  z.strictObject({
    type: z.literal("lobby"),
    target: seatIdSchema,
    stance: z.enum(["for", "against"]),
  }),
)({
  verb: "lobby",
  roles: ["lab", "company"],
  phases: ["act", "legislate"],
  usesMove: true,
  available: ({ state }) => ({
    blocked: null,
    options: {
      target: state.seats.filter((s) => s.role === "government").map((s) => s.id),
      stance: ["against", "for"],
    },
  }),
  check({ state }, action) {
    const target = state.seats.find((s) => s.id === action.target);
    if (target?.role !== "government")
      return ruleError("unknown_target", "Lobby a government seat.");
    return action.stance === "for" || action.stance === "against"
      ? null
      : ruleError("bad_value", "Lobby for or against regulation.");
  },
  now(state, _seat, action) {
    const target = state.seats.find((s) => s.id === action.target)!;
    const bloc = copyBloc(state.blocs[target.bloc]!);
    bloc.campaignMoney += state.scenario.companies.lobbyCost;
    bloc.lobby += action.stance === "for" ? 1 : -1;
    return { blocs: replaceAt(state.blocs, target.bloc, bloc) };
  },
  atResolve({ state, seat, lobbying, pay, news }, move) {
    pay(state.scenario.companies.lobbyCost);
    lobbying[seat.id] = (lobbying[seat.id] ?? 0) + 1;
    news(
      "lobby",
      `${seat.name} lobbied ${seatName(state.seats, move.target)} ${move.stance} regulation.`,
    );
  },
});

export const relocate = defineAction(
  z.strictObject({ type: z.literal("relocate"), bloc: z.number().int().min(0).max(8) }),
)({
  verb: "relocate",
  roles: ["lab", "company"],
  phases: ["act", "legislate"],
  usesMove: true,
  available({ state, seat }) {
    const bloc = state.blocs.map((_, i) => i).filter((i) => i !== seat.bloc);
    return {
      blocked:
        bloc.length === 0 ? ruleError("not_available", "There is no other bloc to move to.") : null,
      options: { bloc },
    };
  },
  check({ state, seat }, action) {
    if (!Number.isInteger(action.bloc) || action.bloc < 0 || action.bloc >= state.blocs.length)
      return ruleError("bad_value", "No such bloc.");
    return action.bloc === seat.bloc
      ? ruleError("already_done", "You are already headquartered there.")
      : null;
  },
  atResolve({ state, seat, lab, firm, pay, news }, move) {
    pay(state.scenario.companies.relocateCost);
    if (firm) firm.relocateTo = move.bloc;
    if (lab) lab.relocateTo = move.bloc;
    news(
      "relocation",
      `${seat.name} is moving its headquarters to ${state.blocs[move.bloc]!.name}.`,
    );
  },
});

function seatName(seats: readonly { id: string; name: string }[], id: string): string {
  return seats.find((s) => s.id === id)?.name ?? id;
}

/** This file's entries of the action table. */
export const COMMON_ACTIONS = { setStrategy, license, lobby, relocate } as const;
