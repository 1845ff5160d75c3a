/**
 * Bots are players: given a seat's view (and the public scenario) they return actions, which
 * go through the same gate as a person's. This module picks the bot for a seat's role.
 */
import type { Action } from "../actions";
import type { Scenario } from "../scenario";
import type { BotView } from "../views";
import type { Role } from "../vocabulary";
import { companyActions } from "./company";
import { governmentActions } from "./government";
import { labActions } from "./lab";
import type {
  CompanyPersonality,
  GovernmentBehaviour,
  LabPersonality,
  Personality,
} from "./personalities";

export * from "./personalities";

export function botActions(view: BotView, scenario: Scenario, personality: Personality): Action[] {
  switch (view.self.role) {
    case "government":
      return governmentActions(view, scenario, personality as GovernmentBehaviour);
    case "lab":
      return labActions(view, scenario, personality as LabPersonality);
    case "company":
      return companyActions(view, scenario, personality as CompanyPersonality);
  }
}

export const DEFAULT_PERSONALITY: Record<Role, Personality> = {
  government: "careful",
  lab: "safety-first",
  company: "cautious",
};
