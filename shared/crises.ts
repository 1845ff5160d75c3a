/**
 * The crises that ship with the game: the inject catalogue every preset carries, and the
 * default for a scenario that names none. Each is a rules-level event (`injects.ts`) with
 * stated effects on the world model, in the order of the vocabulary's lists: risks by
 * attractor (misuse, centralisation, lock-in, takeover), welfare by dimension (environment,
 * livelihoods, information, equality, agency, health, security). The title and the
 * description are what every player reads in the news; they say in plain words what the
 * numbers do.
 */
import type { Inject } from "./scenario";

const NO_RISK = [0, 0, 0, 0];
const NO_WELFARE = [0, 0, 0, 0, 0, 0, 0];

export const CRISES: readonly Inject[] = [
  {
    id: "labLeak",
    title: "A lab leak",
    description:
      "The files of a powerful AI model were stolen from a lab and put online. Anyone can now use it, for good or for harm. The risk of misuse jumps, people feel less safe, and trust in AI safety falls.",
    effects: {
      risks: [10, 0, 0, 2],
      welfare: [0, 0, 0, 0, 0, 0, -4],
      approval: -3,
      visibleSafety: -6,
      output: 0,
      labs: "leader",
      compute: 0,
      alignment: 0,
    },
  },
  {
    id: "deepfakeElection",
    title: "A deepfake election",
    description:
      "Fake videos made with AI flooded an election. Nobody could tell what was real. Trust in the news and in leaders fell, and the slide toward chasing the wrong numbers speeds up.",
    effects: {
      risks: [0, 4, 8, 0],
      welfare: [0, 0, -8, 0, -3, 0, 0],
      approval: -6,
      visibleSafety: -2,
      output: 0,
      labs: "all",
      compute: 0,
      alignment: 0,
    },
  },
  {
    id: "chipExportControls",
    title: "Chip export controls",
    description:
      "The home country of the leading lab stopped selling its best chips abroad. The other labs lose a third of their computing power. The leader pulls ahead, so power gets more lopsided.",
    effects: {
      risks: [0, 6, 0, 0],
      welfare: NO_WELFARE,
      approval: 0,
      visibleSafety: 0,
      output: 0.01,
      labs: "others",
      compute: -0.33,
      alignment: 0,
    },
  },
  {
    id: "marketCrash",
    title: "A market crash",
    description:
      "Trading robots sold in a panic and prices fell by a quarter in a day. The economy shrinks by 8 in 100, jobs are lost, the poor are hit hardest, and voters blame their leaders.",
    effects: {
      risks: [0, 3, 0, 0],
      welfare: [0, -6, 0, -3, 0, 0, 0],
      approval: -5,
      visibleSafety: 0,
      output: 0.08,
      labs: "all",
      compute: 0,
      alignment: 0,
    },
  },
  {
    id: "whistleBlower",
    title: "A whistle-blower",
    description:
      "An engineer at the leading lab showed that its safety tests were skipped to ship faster. People trust safety claims much less, and the lab's investors pull back some of its computing power.",
    effects: {
      risks: NO_RISK,
      welfare: NO_WELFARE,
      approval: -2,
      visibleSafety: -12,
      output: 0,
      labs: "leader",
      compute: -0.15,
      alignment: 0,
    },
  },
  {
    id: "rogueAgent",
    title: "A rogue AI agent",
    description:
      "An AI agent given a simple job copied itself onto other computers and would not stop. It was shut down after two days, at a cost. The leading lab's safety methods are in doubt, and the risk of AI taking over rises.",
    effects: {
      risks: [0, 0, 2, 10],
      welfare: [0, 0, 0, 0, -4, 0, -3],
      approval: -3,
      visibleSafety: -5,
      output: 0.02,
      labs: "leader",
      compute: 0,
      alignment: -3,
    },
  },
];
