/**
 * How a news item reads: its label ("Close call", the incident's name, "Emergency"…), its icon
 * and tone, and its sentence without a repeat of the label. Pure.
 */
import type { GameEvent } from "../../../shared/state";
import { INCIDENT_LABEL } from "../../../shared/vocabulary";
import { capitalise } from "./format";

/** How loudly an item stands out: warnings in orange, incidents in red, emergencies in blue. */
export type NewsTone = "warning" | "incident" | "emergency" | "plain";

export interface NewsLine {
  readonly label: string | null;
  readonly icon: string | null;
  readonly tone: NewsTone;
  readonly text: string;
}

const KIND_LABEL: Partial<Record<GameEvent["kind"], string>> = {
  closeCall: "Close call",
  catastrophe: "Catastrophe",
  threshold: "Threshold",
  passed: "Law passed",
  failed: "Law failed",
  inForce: "In force",
  evasionDetected: "Evasion caught",
  emergency: "Emergency",
  incident: "Incident",
  ending: "Ending",
};

/** The sentence without a leading "Label:" the rules' text may start with. */
function withoutPrefix(text: string, prefixes: readonly string[]): string {
  for (const p of prefixes) {
    if (text.toLowerCase().startsWith(`${p.toLowerCase()}:`)) {
      return capitalise(text.slice(p.length + 1).trimStart());
    }
  }
  return text;
}

export function newsLine(e: GameEvent): NewsLine {
  const kindLabel = KIND_LABEL[e.kind] ?? null;
  const label = e.kind === "incident" && e.incident ? INCIDENT_LABEL[e.incident] : kindLabel;
  const text = withoutPrefix(
    e.text,
    [kindLabel, label].filter((x): x is string => x !== null),
  );
  switch (e.kind) {
    case "closeCall":
    case "catastrophe":
      return { label, icon: "hazard", tone: "warning", text };
    case "incident":
      return { label, icon: "bolt", tone: "incident", text };
    case "emergency":
      return { label, icon: "shieldAlert", tone: "emergency", text };
    default:
      return { label, icon: null, tone: "plain", text };
  }
}
