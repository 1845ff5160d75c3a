/**
 * Scenarios: every constant of the world model, as plain data with a name and a description.
 * A scenario from outside (an upload, a saved game) is untrusted until `parseScenario` turns it
 * into a `Scenario`; nothing downstream checks it again. The presets live in `presets.ts`.
 */
import { z } from "zod";
import { CRISES } from "./crises";
import { REGULATION_IDS } from "./regulations";
import { INCIDENTS, INJECT_LABS, type Incident, LEVERS, ROLES, WELFARE_DIMS } from "./vocabulary";

const num = (min: number, max: number) => z.number().finite().min(min).max(max);
const perLever = (min: number, max: number) => z.array(num(min, max)).length(LEVERS.length);
const perDim = (min: number, max: number) => z.array(num(min, max)).length(WELFARE_DIMS.length);
const perAttractor = (min: number, max: number) => z.array(num(min, max)).length(4);

/** What an incident costs when it strikes: a welfare dimension, approval everywhere, output. */
const incidentSchema = z.strictObject({
  dim: z.enum(WELFARE_DIMS),
  harm: num(0, 50),
  approval: num(0, 30),
  /** Fraction of all output lost. */
  output: num(0, 0.3),
});

/** An inject's name in its scenario's catalogue (and in the action log). */
export const injectIdSchema = z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/);

/**
 * A crisis the facilitator can push into a game, or the scenario schedules (`injects.ts`):
 * what everyone reads in the news, and what it does to the world model the moment it strikes.
 * Every effect is bounded, and every level it moves stays in its range, so no inject, however
 * often it strikes, can make a number that is not finite.
 */
const injectSchema = z.strictObject({
  id: injectIdSchema,
  /** A few plain words ("A lab leak"): the news reads "Crisis: <title>. <description>". */
  title: z.string().min(1).max(60),
  /** What happened and what it does, for a 15-year-old. */
  description: z.string().min(1).max(400),
  effects: z.strictObject({
    /** Points added to each attractor's true risk (each risk stays within 0–100). */
    risks: perAttractor(-30, 30),
    /** Points added to each hidden welfare dimension (each stays within 0–100). */
    welfare: perDim(-30, 30),
    /** Points added to every government's approval (it stays within 0–100). */
    approval: num(-30, 30),
    /** Points added to the visible safety indicator (it stays within 0–100). */
    visibleSafety: num(-30, 30),
    /** Fraction of all output lost (the market's demand falls in every sector and bloc). */
    output: num(0, 0.3),
    /** Which labs the compute and alignment changes hit. */
    labs: z.enum(INJECT_LABS),
    /** Relative change of those labs' compute: -0.33 takes a third away. */
    compute: num(-0.5, 0.5),
    /** Points added to those labs' alignment (it stays at least 0). */
    alignment: num(-20, 20),
  }),
});

/** An inject the scenario fires by itself, at the start of a round (before its News). */
const scheduledInjectSchema = z.strictObject({
  round: z.number().int().min(1).max(20),
  inject: injectIdSchema,
});

const sectorSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,23}$/),
  name: z.string().min(1).max(40),
  output: num(1, 1000),
  /** Multiplier on each lever's gain in this sector. */
  leverGain: perLever(0, 5),
});

export const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/),
  name: z.string().min(1).max(60),
  description: z.string().max(600),
  rounds: z.number().int().min(8).max(20),
  startYear: z.number().int().min(1900).max(3000),
  /** Default seats, in order; 3 to 9 with at least one of each role. */
  seats: z
    .array(z.enum(ROLES))
    .min(3)
    .max(9)
    .refine((s) => ROLES.every((r) => s.includes(r)), "needs at least one seat of every role"),
  blocNames: z.array(z.string().min(1).max(40)).min(1).max(9),
  labNames: z.array(z.string().min(1).max(40)).min(1).max(9),
  firmNames: z.array(z.string().min(1).max(40)).min(1).max(9),
  timers: z.strictObject({
    news: num(3, 600),
    act: num(10, 1800),
    legislate: num(10, 1800),
    resolve: num(3, 120),
  }),
  regulations: z.array(z.enum(REGULATION_IDS)).min(0).max(REGULATION_IDS.length),
  economy: z.strictObject({
    sectors: z.array(sectorSchema).min(1).max(6),
    /** Share of each sector's output in each bloc (by bloc index; missing blocs share equally). */
    blocWeights: z.array(num(0.1, 10)).max(9),
    baseGrowth: num(-0.2, 0.2),
    innovationGrowth: num(0, 0.2),
    innovationBeta: num(0, 3),
    profitToGrowth: num(0, 2),
    shockSd: num(0, 0.2),
    leverGain: perLever(0, 2),
    leverBeta: perLever(0, 4),
    leverCost: perLever(0.01, 5),
    initialTheta: perLever(0, 1),
    /** Couples everything a firm pushes: what is held down on one lever goes to the others. */
    coupling: num(0, 1),
    /** Genuine R&D, the market's sixth choice: its gain, how fast that grows with pressure, its cost. */
    rndGain: num(0, 2),
    rndBeta: num(0, 4),
    rndCost: num(0.01, 5),
    initialRnd: num(0, 1),
    marketSteps: z.number().int().min(1).max(10),
    learningRate: num(0, 5),
    /** Fraction of output that moves per round per unit of penalty difference between blocs. */
    arbitrage: num(0, 1),
    kScale: num(1, 1000),
  }),
  labs: z.strictObject({
    startCapability: z.array(num(0, 100)).min(1).max(9),
    startCompute: z.array(num(1, 100)).min(1).max(9),
    startAlignment: num(0, 100),
    capabilityRate: num(0, 2),
    computeExponent: num(0, 2),
    alignmentRate: num(0, 2),
    /** Aligned capability per unit of alignment: lower is a harder alignment problem. */
    alignmentMultiplier: num(0.1, 20),
    spillover: num(0, 1),
    stagedLag: num(0, 100),
    computeGrowth: num(0, 2),
    revenuePerCapability: num(0, 10),
    /** How much autonomous agents add to a lab's revenue (1: full autonomy doubles it). */
    autonomyRevenue: num(0, 3),
    /** A licence's yearly fee, as a share of the licensee firm's output. */
    licenseFeeShare: num(0, 0.5),
    agentsStep: num(0, 1),
  }),
  companies: z.strictObject({
    startShare: num(0.01, 0.9),
    margin: num(0, 1),
    /** How much of the levers' profit (per unit of output) reaches the firm's own profit. */
    leverProfit: num(0, 5),
    acquireCost: num(0, 100),
    acquireShare: num(0, 0.5),
    lobbyCost: num(0, 100),
    relocateCost: num(0, 100),
    rndGrowth: num(0, 1),
    /** Share of output a firm spends per unit of its R&D slider. */
    rndSpend: num(0, 1),
    licenseBoost: num(0, 2),
    /** How far the rest of a firm's sector follows its levers each year (in every bloc). */
    follow: num(0, 1),
    /** The same for the other sectors. */
    followOther: num(0, 1),
    detection: num(0, 1),
    fine: num(0, 5),
  }),
  welfare: z.strictObject({
    start: perDim(0, 100),
    baseline: perDim(0, 100),
    weights: perDim(0, 1),
    /** Which dimension each lever harms. */
    leverHarm: z.array(z.enum(WELFARE_DIMS)).length(LEVERS.length),
    harmScale: perLever(0, 20),
    /** Harm is convex: H · θ^harmPower, biting hard only near the extremes. */
    harmPower: num(1, 4),
    /** Which dimension each lever does genuine good to, and how much (with diminishing returns). */
    leverBenefit: z.array(z.enum(WELFARE_DIMS)).length(LEVERS.length),
    benefitScale: perLever(0, 20),
    /** The order in which statistics bring dimensions under measurement. */
    measuredOrder: z
      .array(z.enum(WELFARE_DIMS))
      .max(WELFARE_DIMS.length)
      .refine((d) => new Set(d).size === d.length, "lists a dimension twice"),
    /** Dimensions any statistics rule measures before its strength adds more. */
    measuredBase: z.number().int().min(0).max(WELFARE_DIMS.length),
    /** Fraction of the harm on a measured dimension that firms shift onto unmeasured ones. */
    harmShift: num(0, 0.9),
    recovery: num(0, 1),
    consumptionWeight: num(0, 100),
    healthFromCapability: num(0, 5),
    healthFromRnd: num(0, 50),
    healthFromInvestment: num(0, 100),
    healthRelax: num(0, 1),
    /** Livelihoods lost per unit of output drag (brakes cost jobs). */
    livelihoodsFromDrag: num(0, 1000),
    securityFromDefence: num(0, 200),
    securityMisuseFrom: num(0, 100),
    agencyFromAutonomy: num(0, 50),
    securityFromMisuse: num(0, 5),
    publicInvestment: num(0, 10),
  }),
  governments: z.strictObject({
    /** The starting tax rate; public spending is measured against it, so it cannot be 0. */
    taxRate: num(0.01, 0.6),
    approval: num(0, 100),
    halfSaturation: num(0.01, 100),
    capacityRate: num(0, 1),
    startCapacity: num(0, 1),
    welfareNoise: num(0, 50),
    riskNoise: num(0, 50),
    emergencyBoost: num(0, 1),
    emergencyRounds: z.number().int().min(1).max(5),
    approvalFromWelfare: num(0, 5),
    approvalFromGrowth: num(0, 500),
    approvalFromSafety: num(0, 5),
    approvalFromMoney: num(0, 20),
    approvalFromTax: num(0, 500),
    approvalFromDrag: num(0, 5000),
    approvalRelax: num(0, 1),
    approvalNoise: num(0, 20),
    approvalFromCloseCall: num(0, 20),
    approvalFromEmergency: num(0, 20),
    /** Alignment added to the bloc's labs per unit of public safety research spending. */
    publicSafetyAlignment: num(0, 5),
    /** An emergency measure: risk points it cuts at once, and its costs. */
    measureCut: num(0, 100),
    measureApproval: num(0, 50),
    /** Fraction of the bloc's output lost that round. */
    measureOutput: num(0, 0.5),
    /** Centralisation risk added (power concentrated in the state), except by a break-up. */
    measureCentralisation: num(0, 50),
  }),
  legislature: z.strictObject({
    baseSupport: num(0, 100),
    approvalWeight: num(0, 5),
    lobbyWeight: num(0, 50),
    centralisationBlock: num(0, 5),
    /** Centralisation level above which the dominant actor's grip cuts parliamentary support. */
    centralisationFrom: num(0, 100),
    rampRounds: z.number().int().min(1).max(6),
    /** Loopholes found per round in a rule in force, per unit of optimisation pressure. */
    loopholes: num(0, 0.5),
    /** The largest share of a rule's effect that loopholes can take. */
    loopholeMax: num(0, 0.95),
  }),
  risks: z.strictObject({
    tipping: num(10, 99),
    exit: num(0, 95),
    response: num(0.01, 1),
    /** Luck in each risk: the standard deviation of its yearly random drift. */
    drift: num(0, 20),
    momentum: num(0, 30),
    hazardMax: num(0, 1),
    closeCallFrom: num(0, 100),
    closeCallChance: num(0, 1),
    closeCallBase: num(0, 1),
    /** Effectiveness of every rule while the world is in the Goodhart lock-in basin. */
    lockInEffect: num(0, 1),
    drivers: z.strictObject({
      misuseOpen: num(0, 10),
      misuseOpenFrom: num(0, 200),
      misuseFrontier: num(0, 10),
      misuseFrontierFrom: num(0, 300),
      centralConsolidation: num(0, 300),
      centralCompute: num(0, 300),
      centralLead: num(0, 300),
      centralDominance: num(0, 300),
      centralDominanceFrom: num(0, 1),
      centralLobbying: num(0, 50),
      centralEmergency: num(0, 100),
      goodhartAgency: num(0, 10),
      goodhartAgencyFrom: num(0, 100),
      goodhartInformation: num(0, 10),
      goodhartInformationFrom: num(0, 100),
      goodhartDelegation: num(0, 300),
      goodhartEngagement: num(0, 300),
      takeoverGap: num(0, 10),
      takeoverBaseAutonomy: num(0, 1),
      /** Companies run the frontier's agents: per unit of each company's delegation lever. */
      takeoverFirmAgents: num(0, 60),
      /** The delegation level above which a company's agents run unsupervised. */
      takeoverFirmAgentsFrom: num(0, 1),
    }),
    start: perAttractor(0, 100),
    /** Scales each attractor's drivers (tune the balance between them). */
    driverScale: perAttractor(0, 5),
    /** Fraction of risk held back per unit of each government's defence spending (misuse). */
    defence: num(0, 50),
  }),
  /**
   * Incidents strike below the tipping point: each round, each incident's chance rises from 0 at
   * `from` to `chance` at the tipping point of its attractor's risk.
   */
  incidents: z.strictObject({
    from: num(0, 100),
    chance: num(0, 1),
    /** Visible safety lost per incident. */
    visibleSafety: num(0, 50),
    effects: z.strictObject(
      Object.fromEntries(INCIDENTS.map((i) => [i, incidentSchema])) as Record<
        Incident,
        typeof incidentSchema
      >,
    ),
  }),
  /** The visible safety indicator: what voters and markets see of safety. */
  safety: z.strictObject({
    start: num(0, 100),
    relax: num(0, 1),
    pledge: num(0, 50),
    pledgeApproval: num(0, 20),
    closeCall: num(0, 50),
    evasion: num(0, 50),
  }),
  endings: z.strictObject({
    /** The true welfare a catastrophe counts as in every welfare figure: a collapse. */
    collapseWelfare: num(0, 100),
    dystopiaWelfareDrop: num(0, 100),
    dystopiaProxyGrowth: num(0, 100),
    flourishingWelfareGain: num(-50, 100),
    flourishingAgency: num(0, 100),
    /** Flourishing also needs the takeover and misuse risks at most this at the end. */
    flourishingRisk: num(0, 100),
  }),
  scoring: z.strictObject({
    /** A lab's score per point of capability lead over the next lab (besides its revenue). */
    labLead: num(0, 100),
    /** Par score per role: proxy scores are shown and ranked as a percentage of par. */
    par: z.strictObject({
      government: num(0.01, 1e6),
      lab: num(0.01, 1e6),
      company: num(0.01, 1e6),
    }),
  }),
  /**
   * The crises the facilitator can push into a game (at least none, at most 24); a scenario
   * without the field gets the game's own catalogue (`crises.ts`).
   */
  injects: z
    .array(injectSchema)
    .max(24)
    .default(() => [...CRISES]),
  /** Injects that strike by themselves at the start of a round; none unless listed. */
  schedule: z
    .array(scheduledInjectSchema)
    .max(60)
    .default(() => []),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Inject = Scenario["injects"][number];
export type InjectEffects = Inject["effects"];
export type ScheduledInject = Scenario["schedule"][number];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Turns untrusted data into a scenario, or lists everything wrong with it. */
export function parseScenario(input: unknown): ParseResult<Scenario> {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((i) => `${i.path.join(".") || "scenario"}: ${i.message}`),
    };
  }
  const s = result.data;
  const errors: string[] = [];
  if (s.risks.exit >= s.risks.tipping) errors.push("risks.exit: must be below risks.tipping");
  const count = (r: (typeof ROLES)[number]) => s.seats.filter((x) => x === r).length;
  if (s.blocNames.length < count("government"))
    errors.push("blocNames: needs a name for every government");
  if (s.labNames.length < count("lab")) errors.push("labNames: needs a name for every lab");
  if (s.firmNames.length < count("company"))
    errors.push("firmNames: needs a name for every company");
  if (s.labs.startCapability.length < count("lab") || s.labs.startCompute.length < count("lab"))
    errors.push("labs: needs a start capability and compute for every lab");
  const ids = new Set<string>();
  s.injects.forEach((inject, i) => {
    if (ids.has(inject.id)) errors.push(`injects.${i}.id: "${inject.id}" is listed twice`);
    ids.add(inject.id);
  });
  s.schedule.forEach((entry, i) => {
    if (!ids.has(entry.inject))
      errors.push(`schedule.${i}.inject: "${entry.inject}" is not in the scenario's injects`);
    if (entry.round > s.rounds)
      errors.push(`schedule.${i}.round: round ${entry.round} is after the last round`);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: s };
}
