/**
 * The scenarios that ship with the game. "Standard" holds the tuned constants; the other
 * presets change a few of them. Every number marked "tune" in DESIGN.md lives here.
 */
import { REGULATION_IDS } from "./regulations";
import type { Scenario } from "./scenario";

export const STANDARD: Scenario = {
  id: "standard",
  name: "Standard",
  description:
    "Two blocs, two AI labs, two companies, twelve years from 2027. Capability grows fast enough that an unregulated world usually falls into one attractor or another.",
  rounds: 12,
  startYear: 2027,
  seats: ["government", "government", "lab", "lab", "company", "company"],
  blocNames: [
    "Atlantic Union",
    "Pacific Compact",
    "Southern League",
    "Northern Accord",
    "Eastern Federation",
    "Andean Republic",
    "Sahel Alliance",
    "Island Commonwealth",
    "Central Confederation",
  ],
  labNames: [
    "Helix Labs",
    "Prometheus AI",
    "Cortex Systems",
    "Lumen Research",
    "Axiom Intelligence",
    "Sable Minds",
    "Quanta Works",
    "Orrery AI",
    "Tessera Labs",
  ],
  firmNames: [
    "Omnicorp",
    "Verdant Industries",
    "Meridian Holdings",
    "Brightline Retail",
    "Castellan Energy",
    "Northwind Logistics",
    "Paragon Finance",
    "Solace Health",
    "Kestrel Media",
  ],
  timers: { news: 15, act: 90, legislate: 60, resolve: 10 },
  regulations: [...REGULATION_IDS],
  economy: {
    sectors: [
      { id: "tech", name: "Consumer tech", output: 26, leverGain: [1, 0.6, 1.6, 1.1, 1] },
      { id: "industry", name: "Industry & energy", output: 28, leverGain: [1.2, 1.6, 0.4, 1, 0.8] },
      { id: "finance", name: "Finance", output: 22, leverGain: [0.9, 0.5, 0.8, 1.5, 1.4] },
      { id: "health", name: "Health & services", output: 24, leverGain: [1, 0.8, 1, 0.8, 1] },
    ],
    blocWeights: [1, 1, 1],
    baseGrowth: 0.012,
    innovationGrowth: 0.018,
    innovationBeta: 0.5,
    profitToGrowth: 0.12,
    shockSd: 0.03,
    leverGain: [0.05, 0.04, 0.04, 0.035, 0.03],
    leverBeta: [1.2, 1.5, 1.5, 1.4, 1.7],
    leverCost: [0.12, 0.12, 0.12, 0.12, 0.12],
    initialTheta: [0.2, 0.2, 0.2, 0.15, 0.1],
    marketSteps: 3,
    learningRate: 0.5,
    arbitrage: 0.04,
    kScale: 25,
  },
  labs: {
    startCapability: [12, 10, 9, 9, 8, 8, 8, 7, 7],
    startCompute: [10, 10, 8, 8, 8, 7, 7, 7, 6],
    startAlignment: 6,
    capabilityRate: 0.35,
    computeExponent: 0.3,
    alignmentRate: 0.38,
    alignmentMultiplier: 2.5,
    spillover: 0.25,
    stagedLag: 15,
    computeGrowth: 0.25,
    revenuePerCapability: 0.1,
    licenseFee: 0.6,
    agentsStep: 0.25,
  },
  companies: {
    startShare: 0.25,
    margin: 0.1,
    acquireCost: 1,
    acquireShare: 0.25,
    lobbyCost: 0.4,
    relocateCost: 1,
    rndGrowth: 0.05,
    rndSpend: 0.08,
    licenseBoost: 0.5,
    detection: 0.5,
    fine: 0.3,
  },
  welfare: {
    start: [60, 60, 60, 60, 62, 55, 62],
    baseline: [62, 62, 62, 60, 64, 55, 64],
    weights: [0.15, 0.15, 0.12, 0.12, 0.14, 0.18, 0.14],
    leverHarm: ["livelihoods", "environment", "information", "equality", "agency"],
    harmScale: [1.1, 1.2, 1.2, 1.0, 1.0],
    recovery: 0.08,
    consumptionWeight: 12,
    healthFromCapability: 0.65,
    healthFromRnd: 0.6,
    healthFromInvestment: 4,
    healthRelax: 0.04,
    livelihoodsFromDrag: 120,
    securityFromDefence: 20,
    securityMisuseFrom: 30,
    agencyFromAutonomy: 3,
    securityFromMisuse: 0.25,
    publicInvestment: 0.4,
  },
  governments: {
    taxRate: 0.25,
    approval: 55,
    halfSaturation: 3,
    capacityRate: 0.4,
    startCapacity: 0.45,
    welfareNoise: 8,
    riskNoise: 18,
    emergencyBoost: 0.3,
    emergencyRounds: 2,
    approvalFromWelfare: 0.5,
    approvalFromGrowth: 20,
    approvalFromSafety: 0.08,
    approvalFromMoney: 3,
    approvalFromTax: 40,
    approvalFromDrag: 300,
    approvalRelax: 0.2,
    approvalNoise: 2,
    approvalFromCloseCall: 1.5,
    approvalFromEmergency: 2,
    publicSafetyAlignment: 0.15,
  },
  legislature: {
    baseSupport: 62,
    approvalWeight: 0.3,
    lobbyWeight: 6,
    centralisationBlock: 1.2,
    centralisationFrom: 50,
    rampRounds: 3,
  },
  risks: {
    tipping: 70,
    exit: 50,
    response: 0.35,
    momentum: 8,
    hazardMax: 0.5,
    closeCallFrom: 45,
    closeCallChance: 0.5,
    closeCallBase: 0.05,
    lockInEffect: 0.55,
    drivers: {
      misuseOpen: 1.3,
      misuseOpenFrom: 25,
      misuseFrontier: 0.3,
      misuseFrontierFrom: 40,
      centralConsolidation: 45,
      centralCompute: 30,
      centralLead: 10,
      centralDominance: 70,
      centralDominanceFrom: 0.25,
      centralLobbying: 2,
      centralEmergency: 12,
      goodhartAgency: 1.1,
      goodhartAgencyFrom: 64,
      goodhartInformation: 0.7,
      goodhartInformationFrom: 60,
      goodhartDelegation: 30,
      goodhartEngagement: 10,
      takeoverGap: 0.9,
      takeoverBaseAutonomy: 0.35,
    },
    start: [8, 15, 10, 5],
    driverScale: [1, 1.4, 1.3, 2.1],
    defence: 12,
  },
  safety: { start: 30, relax: 0.15, pledge: 4, pledgeApproval: 1, closeCall: 3, evasion: 2 },
  endings: {
    dystopiaWelfareDrop: 0,
    dystopiaProxyGrowth: 1.6,
    flourishingWelfareGain: 4,
    flourishingAgency: 50,
  },
  scoring: { par: { government: 62, lab: 40, company: 10.6 } },
};

function variant(base: Scenario, patch: (s: Scenario) => Partial<Scenario>): Scenario {
  return { ...base, ...patch(base) };
}

export const FAST_TAKEOFF: Scenario = variant(STANDARD, (s) => ({
  id: "fast-takeoff",
  name: "Fast takeoff",
  description:
    "Capability compounds faster and alignment is harder: the window for governance is short.",
  labs: { ...s.labs, capabilityRate: 0.41, alignmentMultiplier: 2.2 },
}));

export const SLOW_TAKEOFF: Scenario = variant(STANDARD, (s) => ({
  id: "slow-takeoff",
  name: "Slow takeoff",
  description:
    "Capability grows steadily and alignment is easier: a world with time to learn, if it uses it.",
  labs: { ...s.labs, capabilityRate: 0.26, alignmentMultiplier: 3 },
}));

export const CONCENTRATED_START: Scenario = variant(STANDARD, (s) => ({
  id: "concentrated-start",
  name: "Concentrated start",
  description:
    "One lab holds most of the compute and one conglomerate most of the market from the first year.",
  labs: { ...s.labs, startCapability: [15, 9, 8], startCompute: [15, 8, 6] },
  companies: { ...s.companies, startShare: 0.33 },
  risks: { ...s.risks, start: [8, 28, 10, 6] },
}));

export const PRESETS: readonly Scenario[] = [
  STANDARD,
  FAST_TAKEOFF,
  SLOW_TAKEOFF,
  CONCENTRATED_START,
];

export function presetById(id: string): Scenario | undefined {
  return PRESETS.find((p) => p.id === id);
}
