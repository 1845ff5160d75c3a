/**
 * Everything a seat can do: the action table (`table.ts`, one entry per action in the files
 * beside it) and the rules' gate driven by it (`gate.ts`). The shape of a message from the
 * network is checked at the server's edge with `actionSchema`, then the gate decides.
 */
export * from "./common";
export * from "./gate";
export { STRENGTHS, TAX_MAX, TAX_MIN } from "./government";
export * from "./kit";
export * from "./table";
