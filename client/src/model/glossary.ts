/**
 * The game's words in plain English, in one place: for every technical term a screen could
 * show, a plain label a fifteen-year-old reads at first sight and a one-line explanation shown
 * on hover, focus or tap (`ui/term.ts`). `glossParts` finds the technical words in any text
 * (the rules' help, the map's summary) so a screen can show the plain label in their place.
 * Pure; the reading grade of every explanation is tested (tests/client/readingGrade.test.ts).
 */

export interface GlossEntry {
  /** What a screen shows in place of the technical word. */
  readonly label: string;
  /** The plural of the label, when the word has one. */
  readonly plural?: string;
  /** One line, in plain words. */
  readonly explain: string;
}

export const GLOSSARY = {
  proxy: {
    label: "stand-in score",
    plural: "stand-in scores",
    explain:
      "A number you can count that stands in for what you really want. It can go up while things get worse. (Its technical name is a proxy.)",
  },
  score: {
    label: "Your points",
    explain:
      "Your own score, in points: votes for a government, money for a firm, lead and sales for a lab. It is a stand-in score, not how well people live.",
  },
  rank: {
    label: "Your place",
    explain: "Where your points put you among all the players right now. 1st is best.",
  },
  economicIndex: {
    label: "Economy score",
    explain:
      "Everything the economy makes, added up. It starts at 100. It is a stand-in score: it can rise while life gets worse.",
  },
  welfare: {
    label: "Well-being",
    explain:
      "How well people really live: health, jobs, clean air, fair chances. It starts at 100. Nobody sees the true figure until the end.",
  },
  measuredWelfare: {
    label: "Measured well-being",
    explain:
      "What the governments' statistics say about well-being. Start = 100. The figures come a year late and can be off by the ± amount.",
  },
  trueWelfare: {
    label: "True well-being",
    explain:
      "How well people really lived, shown only at the end. Start = 100. A catastrophe counts as a collapse.",
  },
  noise: {
    label: "±",
    explain: "How far off an estimate may be. Better statistics make this number smaller.",
  },
  regulariser: {
    label: "brake",
    plural: "brakes",
    explain:
      "A rule that stops the economy chasing its score too hard. In AI training the same trick is called a regulariser.",
  },
  basin: {
    label: "trap",
    plural: "traps",
    explain:
      "A low spot on the map that the world can slide into. Each trap is a different disaster. Far enough in, and the world cannot get out.",
  },
  attractor: {
    label: "trap",
    plural: "traps",
    explain:
      "A state the world is pulled toward, like a ball rolling into a hole. Its technical name is an attractor.",
  },
  tipping: {
    label: "tipping point",
    plural: "tipping points",
    explain: "Past this risk level, a trap starts to pull the world in by itself.",
  },
  goodhartLockIn: {
    label: "Numbers trap",
    explain:
      "People let AI chase the numbers and stop deciding for themselves. The world gets stuck there. Its name is Goodhart lock-in.",
  },
  goodhartDystopia: {
    label: "Hollow growth",
    explain:
      "The economy's score kept going up, but real life got worse. Nothing blew up, yet the world chased the wrong thing. Its name is a Goodhart dystopia.",
  },
  goodhartLaw: {
    label: "Goodhart's law",
    explain: "When a number becomes the target, it stops being a good measure.",
  },
  alignmentMargin: {
    label: "Safety lead",
    explain:
      "How far your safety work is ahead of your AI's power. Below zero, your AI can slip out of human control.",
  },
  externalisation: {
    label: "Dumping costs",
    explain:
      "Making things cheaply by pushing the costs onto others, like pollution into the air we all breathe.",
  },
  delegation: {
    label: "Letting AI decide",
    explain:
      "Handing choices to AI systems. It is fast and cheap, but people lose their say over their own lives.",
  },
  earlyStopping: {
    label: "like stopping a race early",
    explain:
      "When you train an AI, you can stop early, before it learns to cheat its test. A brake does the same for the economy.",
  },
  regressional: {
    label: "Noisy numbers",
    explain:
      "The figures had errors in them. When you pick what looks best, you partly pick luck. (Regressional Goodhart.)",
  },
  extremal: {
    label: "Pushed too far",
    explain:
      "Pushed hard enough, the economy got to places where making more no longer made life better. (Extremal Goodhart.)",
  },
  causal: {
    label: "Fake safety",
    explain:
      "Safety shows made the safety figure go up while the real risk kept rising. (Causal Goodhart.)",
  },
  adversarial: {
    label: "Gaming the rules",
    explain: "Firms and labs cheated on tests and dodged the rules. (Adversarial Goodhart.)",
  },
  pressure: {
    label: "AI push",
    explain:
      "How hard AI pushes the economy to chase its numbers. 1 is normal, 2 is twice as hard. It grows as AI gets stronger.",
  },
  visibleSafety: {
    label: "Safety on show",
    explain:
      "Pledges, audits and tests passed. It is a stand-in score too: a show of safety raises it.",
  },
  frontier: {
    label: "Best AI",
    explain: "How strong the best lab's AI is. The stronger it is, the harder AI pushes.",
  },
  publishedRisk: {
    label: "Published risk",
    explain:
      "The average of all the governments' risk estimates. Everyone sees it, and the map shows it.",
  },
  ownEstimate: {
    label: "Your own estimate",
    explain:
      "Your own statistics office's figure. The published one is the average of all the governments' figures, so the two can differ.",
  },
} as const satisfies Record<string, GlossEntry>;

export type TermId = keyof typeof GLOSSARY;

export const TERM_IDS = Object.keys(GLOSSARY) as TermId[];

export function gloss(id: TermId): GlossEntry {
  return GLOSSARY[id];
}

/**
 * Technical words as they appear in the rules' and the screens' texts, longest first, each
 * with the term it stands for and whether it is plural. Matched as whole words; "Attractor"
 * with a capital is the game's name and is left alone.
 */
const JARGON: readonly { re: RegExp; id: TermId; plural: boolean }[] = [
  { re: /Goodhart lock-in/y, id: "goodhartLockIn", plural: false },
  { re: /Goodhart dystopia/y, id: "goodhartDystopia", plural: false },
  { re: /[Aa]lignment margin/y, id: "alignmentMargin", plural: false },
  { re: /[Oo]ptimisation pressure/y, id: "pressure", plural: false },
  { re: /like early stopping/y, id: "earlyStopping", plural: false },
  { re: /[Dd]elegation to AI/y, id: "delegation", plural: false },
  { re: /[Dd]elegation/y, id: "delegation", plural: false },
  { re: /[Ee]xternalisation/y, id: "externalisation", plural: false },
  { re: /[Rr]egularisers/y, id: "regulariser", plural: true },
  { re: /[Rr]egulariser/y, id: "regulariser", plural: false },
  { re: /[Bb]asins/y, id: "basin", plural: true },
  { re: /[Bb]asin/y, id: "basin", plural: false },
  { re: /attractors/y, id: "attractor", plural: true },
  { re: /attractor/y, id: "attractor", plural: false },
  { re: /[Pp]roxies/y, id: "proxy", plural: true },
  { re: /[Pp]roxy/y, id: "proxy", plural: false },
  { re: /Regressional/y, id: "regressional", plural: false },
];

/** Raw technical words no screen should show without their explanation (for tests). */
export const RAW_JARGON =
  /regularis|basin|attractor\b|attractors|proxy|proxies|% of par|lock-in|goodhart dystopia|alignment margin|externalis|delegation|early stopping|regressional|optimisation pressure/i;

export type GlossPart = string | { readonly id: TermId; readonly text: string };

const isWordChar = (c: string | undefined) => !!c && /[A-Za-z0-9-]/.test(c);

/** The shown label of a term, capitalised like the word it replaces. */
function shown(id: TermId, plural: boolean, original: string): string {
  const e: GlossEntry = GLOSSARY[id];
  const text = plural && e.plural ? e.plural : e.label;
  const upper = original[0] !== undefined && original[0] === original[0].toUpperCase();
  return upper ? text[0]!.toUpperCase() + text.slice(1) : text[0]!.toLowerCase() + text.slice(1);
}

/**
 * A text split into plain strings and terms: each technical word becomes its term, with the
 * plain label to show in its place ("feeds Goodhart lock-in" → "feeds ", {numbers trap}).
 */
export function glossParts(text: string): GlossPart[] {
  const out: GlossPart[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    let hit: { id: TermId; len: number; plural: boolean } | null = null;
    if (!isWordChar(text[i - 1])) {
      for (const j of JARGON) {
        j.re.lastIndex = i;
        const m = j.re.exec(text);
        if (m && !isWordChar(text[i + m[0].length])) {
          hit = { id: j.id, len: m[0].length, plural: j.plural };
          break;
        }
      }
    }
    if (hit) {
      if (plain) out.push(plain);
      plain = "";
      out.push({ id: hit.id, text: shown(hit.id, hit.plural, text.slice(i, i + hit.len)) });
      i += hit.len;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) out.push(plain);
  return out;
}

/** A text with every technical word replaced by its plain label (for titles and sentences). */
export function plainText(text: string): string {
  return glossParts(text)
    .map((p) => (typeof p === "string" ? p : p.text))
    .join("");
}
