// What evaluation produces. Reports and the gate are pure functions of these.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'attribution',
  'isolation',
  'naming',
  'tagging',
  'encryption',
  'retention',
  'data-protection',
  'network',
  'monitoring',
  'compute',
  'access',
  'cost',
  'parity',
  'logging',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Status = 'fail' | 'pass' | 'not-evaluated';

export interface ResourceRef {
  arn: string;
  accountId: string;
  region: string;
  type: string;
  name: string;
  /** Attributed environment, null when none could be determined. */
  environment: string | null;
}

export interface SpecLocation {
  file: string;
  line: number;
  column: number;
  /** JSON pointer of the requirement in the spec. */
  path: string;
}

export interface Result {
  ruleId: string;
  status: Status;
  severity: Severity;
  category: Category;
  resource: ResourceRef;
  /**
   * Every environment the result involves, sorted: the subject's, and the other side of
   * what it judges (a grant's target, an access-matrix cell, a resource shared with or a
   * network path into another environment, parity's from and to). The gate into an
   * environment counts every result that involves it.
   */
  environments: readonly string[];
  /** One sentence; names the resource and what is wrong (or right). */
  message: string;
  evidence: { observed?: unknown; expected?: unknown; [key: string]: unknown };
  /** The requirement this result checks; absent only for rules not tied to the spec. */
  specLocation?: SpecLocation;
  /** Stable across scans: hash of rule id and normalised ARN only. */
  fingerprint: string;
  /** For not-evaluated: why (e.g. the collection error that left the data missing). */
  reason?: string;
  /** Set by the gate when a waiver covers this result: reports mark it, SARIF leaves it out. */
  waiver?: ResultWaiver;
  /** Set by the gate against a baseline: a finding new since it, or one already in it. */
  baseline?: 'new' | 'existing';
}

/** The waiver that covers a result (gate). */
export interface ResultWaiver {
  /** Waiver id or the pattern it matched by. */
  id?: string;
  owner: string;
  reason: string;
  /** ISO date (YYYY-MM-DD) the waiver stops applying. */
  expires: string;
  /** Where the waiver is written, `file:line`. */
  source?: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  resourceTypes: string[];
  description: string;
  remediation: string;
  /** JSON pointer pattern of the spec requirement enforced, e.g. /environments/* /encryption/atRest. */
  requirement: string;
  /** Documentation URL (becomes SARIF helpUri). */
  docs: string;
  /** Where the rule came from: 'builtin' or the user rules directory path. */
  origin: string;
}

/** One cell of the access matrix: a team's level in an environment. */
export interface AccessCell {
  team: string;
  environment: string;
  declared: string;
  effective: string;
  /** The statements that grant the highest access found. */
  /** `via`: the roles assumed, in order, when the grant is a role's reached by assumption. */
  grants: { principalArn: string; policy: string; sid?: string; via?: string[]; actions: string[] }[];
  /** Said when conditions or NotAction made the result approximate. */
  caveats: string[];
}

export interface CostLine {
  /** e.g. 'EC2 t3.medium', 'EBS gp3', 'RDS db.t3.small Multi-AZ'. */
  item: string;
  resourceArn?: string;
  monthlyUsd: number;
  /** How the figure was reached, e.g. '100 GiB x $0.08 + 1000 IOPS over baseline x $0.005'. */
  detail?: string;
  /** Where the price came from (absent on lines that sum several resources). */
  price?: PriceOrigin;
}

/** The region, date and source of a price: 'bundled' (the table shipped with envgate) or 'aws-price-list-api' (read into the snapshot). */
export interface PriceOrigin {
  region: string;
  /** YYYY-MM-DD. */
  asOf: string;
  source: string;
}

/** Something the estimate could not price, or priced only in part. */
export interface CostCaveat {
  /** Stable code, e.g. 'unknown-instance-type', 'usage-based', 'collection-error'. */
  code: string;
  message: string;
  /** Resources concerned. */
  count: number;
  /** True when the caveat makes the estimate a lower bound of what the inventory holds. */
  lowerBound: boolean;
}

export interface EnvironmentCost {
  environment: string;
  ceilingUsd: number | null;
  estimateUsd: number | null;
  actualUsd: number | null;
  /** Largest first. */
  breakdown: CostLine[];
  priceTable: { region: string; asOf: string };
  /** False when unknown prices or missing data make estimateUsd a lower bound. */
  estimateComplete?: boolean;
  /** What the estimate leaves out (usage-based items) or could not price; sorted by code. */
  caveats?: CostCaveat[];
  /** The Cost Explorer period actualUsd covers (end exclusive). */
  actualPeriod?: { start: string; end: string };
  /** Which figure cost-ceiling checks against the ceiling (the spec's cost.source); absent without a ceiling. */
  checkedAgainst?: 'estimate' | 'actual' | 'both';
}

export interface Evaluation {
  results: Result[]; // sorted: severity, rule, environment, arn
  rules: RuleMeta[]; // sorted by id
  accessMatrix: AccessCell[]; // sorted by team, environment
  costs: EnvironmentCost[]; // sorted by environment
  /** arn -> environment (null = unattributed). */
  attribution: Record<string, string | null>;
  /**
   * Only when evaluated with `passes: 'summary'`: passing results left out of `results`,
   * counted per rule and environment (results keep every fail and not-evaluated).
   */
  passCounts?: PassCount[];
  /** Resources and principals the spec's `exclude` took out of scope (no results), by ARN. */
  excluded?: ExcludedResource[];
  /** Expired exclusions (warn) and exclusions that match nothing (info), in spec order. */
  exclusionNotices?: ExclusionNotice[];
}

/** A resource (or principal) left out of scope by an exclusion of the spec. */
export interface ExcludedResource extends ResourceRef {
  /** 0-based index of the exclusion in the spec's `exclude` list. */
  exclusion: number;
  reason: string;
  owner?: string;
  /** YYYY-MM-DD the exclusion lapses. */
  expires?: string;
  /** Where the exclusion is written. */
  specLocation?: SpecLocation;
}

export interface ExclusionNotice {
  level: 'warn' | 'info';
  code: 'exclusion-expired' | 'exclusion-unused';
  exclusion: number;
  message: string;
  specLocation?: SpecLocation;
}

/** How many passes of one rule in one environment a summarised evaluation left out. */
export interface PassCount {
  ruleId: string;
  /** null = resources attributed to no environment. */
  environment: string | null;
  passes: number;
  /** Of those passes, how many the rule left out (account furniture, team principals); absent when none. */
  exempt?: number;
}
