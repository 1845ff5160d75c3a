/**
 * The legislature panel: the proposals on the table with their votes (and the seat's own vote
 * buttons), the laws ramping in, the laws in force, and every regulation explained.
 */
import type { RegulationFamily } from "../../../../shared/regulations";
import type { Controller } from "../../app/controller";
import type { AppState } from "../../app/store";
import { plainText } from "../../model/glossary";
import {
  buildLegislature,
  FAMILY_HELP,
  FAMILY_ICON,
  type LawRow,
  type LegislatureModel,
  type ProposalRow,
} from "../../model/legislature";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { glossed } from "../term";

export function renderLegislature(el: HTMLElement, s: AppState, c: Controller): void {
  const pub = s.view?.public;
  if (!pub) return;
  const m = buildLegislature(pub, s.view?.seat ?? null);
  renderIf(el, JSON.stringify([m.proposals, m.pipeline, m.inForce, pub.phase]), () => [
    h("p", { class: "fineprint" }, ...glossed(m.votingHelp)),
    h("h3", {}, "On the table"),
    m.proposals.length === 0
      ? h(
          "p",
          { class: "fineprint" },
          pub.phase === "act"
            ? "No proposals yet. Governments draft them in the Act phase."
            : "No proposals this round.",
        )
      : null,
    ...m.proposals.map((p) => proposalCard(p, c)),
    h("h3", {}, "In the pipeline"),
    m.pipeline.length === 0
      ? h(
          "p",
          { class: "fineprint" },
          "Nothing ramping in. Laws take effect the round after they pass and ramp in over a few rounds.",
        )
      : null,
    ...m.pipeline.map((l) => lawRow(l)),
    h("h3", {}, "In force"),
    m.inForce.length === 0 ? h("p", { class: "fineprint" }, "No regulation in full force.") : null,
    ...m.inForce.map((l) => lawRow(l)),
    catalogue(m.catalogue),
  ]);
}

/** A regulation's name with its family's icon and badge (and any further badges). */
function lawHeading(
  family: RegulationFamily,
  title: string,
  familyLabel: string,
  ...badges: HTMLElement[]
): HTMLElement {
  return h(
    "h3",
    {},
    iconSvg(FAMILY_ICON[family]),
    title,
    h("span", { class: `badge fam-${family}`, title: plainText(FAMILY_HELP[family]) }, familyLabel),
    ...badges,
  );
}

function proposalCard(p: ProposalRow, c: Controller): HTMLElement {
  return h(
    "article",
    { class: "prop", "data-proposal": p.uid },
    lawHeading(
      p.family,
      p.title,
      p.familyLabel,
      h("span", { class: "badge" }, `strength ${p.strength}`),
    ),
    h(
      "div",
      { class: "fineprint" },
      `${p.scope} · proposed by ${p.proposer} · `,
      h("b", {}, p.statusText),
    ),
    h(
      "p",
      { class: "effect", style: "font-size:.85rem" },
      ...glossed(p.explain),
      " ",
      h("i", {}, ...glossed(`Burdens: ${p.burdens}.`)),
    ),
    h(
      "div",
      { class: "votes", "aria-label": "Votes" },
      p.votes.map((v) =>
        h(
          "span",
          { class: `vote-${v.vote}` },
          `${v.name}: ${v.vote === "yes" ? "✓ yes" : v.vote === "no" ? "✗ no" : "… pending"}`,
        ),
      ),
    ),
    p.canVote
      ? h(
          "div",
          { class: "row", role: "group", "aria-label": `Your vote on ${p.title}` },
          voteButton(p, true, c),
          voteButton(p, false, c),
        )
      : null,
  );
}

function voteButton(p: ProposalRow, yes: boolean, c: Controller): HTMLElement {
  const side = yes ? "yes" : "no";
  return h(
    "button",
    {
      class: `btn small ${side}`,
      "aria-pressed": p.myVote === yes ? "true" : "false",
      "data-testid": `vote-${side}-${p.uid}`,
      onclick: () => c.send("action", { action: { type: "vote", proposal: p.uid, yes } }),
    },
    iconSvg(yes ? "check" : "close"),
    yes ? "Yes" : "No",
  );
}

function lawRow(l: LawRow): HTMLElement {
  return h(
    "div",
    { class: "prop", "data-law": l.uid },
    lawHeading(l.family, l.title, l.familyLabel),
    h("div", { class: "fineprint" }, `${l.scope} · strength ${l.strength} · ${l.rampText}`),
    h(
      "div",
      {
        class: "bar",
        role: "meter",
        "aria-label": `Ramp-in ${Math.round(l.ramp * 100)}%`,
        "aria-valuenow": Math.round(l.ramp * 100),
        "aria-valuemin": 0,
        "aria-valuemax": 100,
        style: "margin-top:4px",
      },
      h("i", { style: `width:${Math.round(l.ramp * 100)}%;background:#56b4e9` }),
    ),
  );
}

function catalogue(regs: LegislatureModel["catalogue"]): HTMLElement {
  return h(
    "details",
    { class: "move", style: "margin-top:10px" },
    h("summary", {}, iconSvg("scroll"), "Every regulation, explained"),
    h(
      "p",
      { class: "fineprint" },
      h("b", {}, "Brake vs better measurement. "),
      ...glossed(FAMILY_HELP.brake),
      " ",
      ...glossed(FAMILY_HELP.measurement),
    ),
    ...regs.map((r) =>
      h(
        "div",
        { class: "prop" },
        lawHeading(r.family, r.name, r.familyLabel),
        h("p", { style: "font-size:.85rem;margin:0" }, ...glossed(r.explain)),
        h("p", { class: "fineprint", style: "margin:0" }, ...glossed(`Burdens: ${r.burdens}`)),
      ),
    ),
  );
}
