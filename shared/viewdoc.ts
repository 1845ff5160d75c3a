/**
 * The view document a connection with `patches` is sent, then patched (`viewpatch.ts`): the
 * seat's view and the public view in a smaller form, without what a client works out from the
 * rules it shares. `viewDoc(seat, pub)` makes it on the server; `expandView(doc)` turns it back
 * into exactly the views the rules made (`viewFor`, `publicView`). Left out:
 * - the seat view's `public`, which repeats the document's `public`;
 * - from the seat's offers, what the rules' gate decides from the view alone (`gateRefusal`:
 *   the game's end, another role's action, another phase, no moves left): other roles' action
 *   types, each offer's `enabled`, and the gate's sentences. Those changed at every phase and
 *   at every move, and were most of what a patch carried;
 * - the public figures the rules compute from others in the view: `frontier` (the labs' most
 *   capability) and `publishedRisks` (the mean of the blocs' published estimates).
 */
import {
  ACTION_TYPES,
  type ActionOffer,
  type ActionType,
  definition,
  type ErrorCode,
  type FieldOptions,
  gateRefusal,
} from "./actions";
import { publishedRisks } from "./governments";
import { frontier } from "./labs";
import type { PublicView, SeatView } from "./views";

/**
 * One of the seat's own action types: why it is closed when something other than the gate
 * closes it (null when it is open or the gate closes it), and its fields' legal values.
 */
export interface OfferDoc {
  readonly code: ErrorCode | null;
  readonly reason: string | null;
  readonly options?: FieldOptions;
}

/** The seat's view without `public`, with only its own role's offers (`OfferDoc`). */
export interface SeatDoc extends Omit<SeatView, "public" | "actions"> {
  readonly actions: Partial<Record<ActionType, OfferDoc>>;
}

/** The public view without the figures `expandView` computes again. */
export type PublicDoc = Omit<PublicView, "frontier" | "publishedRisks">;

export interface ViewDoc {
  readonly seat: SeatDoc | null;
  readonly public: PublicDoc;
}

/** Public views are cached per state, and so their documents (one for every client). */
const publicDocs = new WeakMap<PublicView, PublicDoc>();

function publicDoc(pub: PublicView): PublicDoc {
  let doc = publicDocs.get(pub);
  if (!doc) {
    const { frontier: _frontier, publishedRisks: _risks, ...rest } = pub;
    doc = rest;
    publicDocs.set(pub, doc);
  }
  return doc;
}

/** A seat's view (or null for a spectator) and the public view, as the document sent. */
export function viewDoc(seat: SeatView | null, pub: PublicView): ViewDoc {
  if (!seat) return { seat: null, public: publicDoc(pub) };
  const { public: _repeated, actions, ...own } = seat;
  const role = seat.self.role;
  const docs: Partial<Record<ActionType, OfferDoc>> = {};
  for (const type of ACTION_TYPES) {
    if (!definition(type).roles.includes(role)) continue;
    const offer = actions[type];
    const gated = gateRefusal(type, role, pub.phase, seat.movesLeft) !== null;
    const doc: OfferDoc = {
      code: gated ? null : offer.code,
      reason: gated ? null : offer.reason,
    };
    docs[type] = offer.options ? { ...doc, options: offer.options } : doc;
  }
  return { seat: { ...own, actions: docs }, public: publicDoc(pub) };
}

/** The views a document stands for: the seat's view (with `public`) and the public view. */
export function expandView(doc: ViewDoc): { seat: SeatView | null; public: PublicView } {
  const pub: PublicView = {
    ...doc.public,
    frontier: frontier(doc.public),
    publishedRisks: publishedRisks({
      blocs: doc.public.blocs.map((b) => ({ riskEstimates: b.publishedRisks })),
    }),
  };
  if (!doc.seat) return { seat: null, public: pub };
  const { actions: docs, ...own } = doc.seat;
  const role = own.self.role;
  const actions = {} as Record<ActionType, ActionOffer>;
  for (const type of ACTION_TYPES) {
    const doc = docs[type];
    const gate = gateRefusal(type, role, pub.phase, own.movesLeft);
    const code = gate?.code ?? doc?.code ?? null;
    const offer: ActionOffer = {
      enabled: code === null,
      code,
      reason: gate ? gate.message : (doc?.reason ?? null),
    };
    actions[type] = doc?.options ? { ...offer, options: doc.options } : offer;
  }
  return { seat: { ...own, public: pub, actions }, public: pub };
}
