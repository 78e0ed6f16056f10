// User-facing wording of spec diagnostics, kept apart from the logic that finds them.
// Tests assert codes and positions; these texts may change freely.

export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

export const MESSAGES = {
  unknownKey: (key: string, suggestion: string | undefined) =>
    `unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  required: (key: string) => `missing required key "${key}"`,
  type: (value: unknown, expected: string[]) =>
    expected.includes('boolean') && typeof value === 'string' && /^(yes|no|on|off|y|n)$/i.test(value)
      ? `is the string ${show(value)} (YAML 1.2 reads yes/no/on/off as text; write true or false)`
      : `is ${typeName(value)}`,
  typeExpected: (types: string[]) => types.map((t) => TYPE_WORDS[t] ?? t).join(' or '),
  enum: (value: unknown, suggestion: string | undefined) =>
    `${show(value)} is not allowed${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  format: (value: unknown, problem: string) => `${show(value)} ${problem}`,
  environmentName: (name: string) => `environment name "${name}" is not lower case letters, digits and dashes`,
  duplicateItem: (value: unknown, first: number) => `${show(value)} repeats item ${first}`,
  range: (value: unknown, comparison: string, limit: number) => `${show(value)} is not ${comparison} ${limit}`,
  tooFew: (limit: number) => `needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}`,
  tooMany: (limit: number) => `allows at most ${limit} ${limit === 1 ? 'entry' : 'entries'}`,
  empty: 'the file is empty',
  binary: 'the file is binary (NUL bytes or invalid UTF-8), not a YAML or JSON spec',
  notMapping: (value: unknown) => `the spec must be a mapping of keys to values, but the document is ${typeName(value)}`,
  unreadable: (reason: string) => `cannot read the file: ${reason}`,
  cidrOverlap: (cidr: string, otherEnv: string, other: string) => `${cidr} overlaps ${other} of environment "${otherEnv}"`,
  cidrOutside: (cidr: string) => `subnet ${cidr} is outside the environment's VPC CIDRs`,
  undefinedEnvironment: (name: string, suggestion: string | undefined) =>
    `environment "${name}" is not defined${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  undefinedTeam: (name: string, suggestion: string | undefined) =>
    `team "${name}" is not defined under teams${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  duplicateAccount: (id: string, otherEnv: string) => `account ${id} is claimed account-wide by environment "${otherEnv}" too`,
  aliasCollision: (alias: string, otherEnv: string) => `alias "${alias}" also names environment "${otherEnv}"`,
  accountMismatch: (roleAccount: string, id: string) => `the role is in account ${roleAccount}, not in account ${id}`,
  paritySelf: (env: string) => `parity compares environment "${env}" with itself`,
  minAboveMax: (min: number, max: number) => `min ${min} is above max ${max}`,
  maxDaysBelowDays: (maxDays: number, days: number) => `maxDays ${maxDays} is below days ${days}`,
  transitionsOrder: (days: number, previous: number) => `transition at ${days} days does not come after ${previous} days`,
  expirationBeforeTransition: (exp: number, last: number) => `expiration at ${exp} days is not after the last transition (${last} days)`,
  resourceTypeTypo: (type: string, suggestion: string) => `resource type "${type}" is not one envgate knows; did you mean "${suggestion}"?`,
  uncheckedType: (type: string, location: string) =>
    `no rule checks ${location.replace(/^\/environments\/\*\//, '').replace(/\/\*\/type$/, '').replace(/\//g, '.')} for ${type}: the requirement would give no results`,
  uncollectedType: (type: string) => `envgate does not collect ${type}: the requirement would give no results`,
  zoneRegion: (zone: string, region: string, regions: string[]) =>
    `zone ${zone} is in region ${region}, which is not among the environment's regions (${regions.join(', ')})`,
  logRetention: (days: number, nearest: number) => `CloudWatch Logs does not accept a retention of ${days} days; did you mean ${nearest}?`,
  backupLimit: (days: number, what: string, min: number, max: number) => `${days} days is outside ${what}: AWS accepts ${min}-${max}`,
  invalidSpec: (file: string, count: number) => `${file}: ${count} ${count === 1 ? 'problem' : 'problems'}; the spec is not valid`,
} as const;
