/**
 * `assertNever` closes a statement `switch` over a union: with it as the `default`, a case
 * added to the union and not handled is a compile error (a switch that returns in every case
 * is already checked by `noImplicitReturns`).
 */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
