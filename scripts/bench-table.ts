/** The Markdown tables the benches print (scripts/bench-server.ts). */

/** A line of the one-server benches' table: measure, figure, figure in cal, target, met (null: report). */
export type Row = [string, string, string, string, boolean | null];

/** A met target's mark: ✓, ✗, or nothing for a figure that is only reported. */
export const mark = (ok: boolean | null): string => (ok === null ? "  " : ok ? "✓ " : "✗ ");

/** A table with `headers`, each column as wide as its widest cell. */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  console.log(`\n${line(headers)}`);
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
}

export function printRows(rows: readonly Row[]): void {
  printTable(
    ["measure", "figure", "in cal", "target", "ok"],
    rows.map(([name, figure, normalised, target, ok]) => [
      name,
      figure,
      normalised,
      target,
      mark(ok),
    ]),
  );
}
