// What the fuzz harness feeds envgate, one entry per kind of input: the unmutated base
// (read from a fixture, or made from one) and the command line that reads a mutated copy.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';

export const KINDS = ['spec', 'rules', 'snapshot', 'waivers', 'baseline'] as const;
export type Kind = (typeof KINDS)[number];

/** A fixed clock, so runs of the same seed are identical. */
export const FUZZ_ENV = { SOURCE_DATE_EPOCH: '1735732800', NO_COLOR: '1' };

const FIXTURE = 'fixtures/3mtt-chatbot';
const SPEC = `${FIXTURE}/envgate.yaml`;
const SNAPSHOT = `${FIXTURE}/snapshot.json`;
const RULES_DIR = 'rules';
/** The id (and file stem) of the mutated copy of a built-in rule. */
const FUZZ_RULE = 'fuzz-rule';

export interface Bases {
  spec: unknown;
  snapshot: unknown;
  rules: unknown[];
  waivers: unknown;
  baseline: unknown;
}

export interface Target {
  as: 'yaml' | 'json';
  base: (b: Bases, pick: (n: number) => number) => unknown;
  /** Writes the mutated input under dir and returns the argv that reads it. */
  argv: (dir: string, input: string | Buffer) => string[];
}

const out = (dir: string) => ['--out', path.join(dir, 'out'), '--quiet'];
const put = (dir: string, name: string, input: string | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, input);
  return file;
};

export const TARGETS: Record<Kind, Target> = {
  spec: {
    as: 'yaml',
    base: (b) => b.spec,
    argv: (dir, input) => ['scan', '--spec', put(dir, 'envgate.yaml', input), '--snapshot', SNAPSHOT, '--fail-on', 'none', ...out(dir)],
  },
  rules: {
    as: 'yaml',
    base: (b, pick) => ({ ...(b.rules[pick(b.rules.length)] as object), id: FUZZ_RULE }),
    argv: (dir, input) => {
      const rules = path.join(dir, 'rules');
      mkdirSync(rules, { recursive: true });
      put(rules, `${FUZZ_RULE}.yaml`, input);
      return ['scan', '--spec', SPEC, '--snapshot', SNAPSHOT, '--rules', rules, '--fail-on', 'none', ...out(dir)];
    },
  },
  snapshot: {
    as: 'json',
    base: (b) => b.snapshot,
    argv: (dir, input) => ['scan', '--spec', SPEC, '--snapshot', put(dir, 'snapshot.json', input), '--fail-on', 'none', ...out(dir)],
  },
  waivers: {
    as: 'yaml',
    base: (b) => b.waivers,
    argv: (dir, input) => ['gate', '--spec', SPEC, '--snapshot', SNAPSHOT, '--from', 'staging', '--to', 'production', '--waivers', put(dir, 'waivers.yaml', input), ...out(dir)],
  },
  baseline: {
    as: 'json',
    base: (b) => b.baseline,
    argv: (dir, input) => ['gate', '--spec', SPEC, '--snapshot', SNAPSHOT, '--from', 'staging', '--to', 'production', '--baseline', put(dir, 'baseline.json', input), ...out(dir)],
  },
};

/**
 * Reads the bases: the fixture's spec and snapshot, every built-in rule, and a report of
 * the fixture (the baseline) with waivers made from its failures (both ways of naming one).
 */
export async function loadBases(workDir: string): Promise<Bases> {
  const rules = readdirSync(RULES_DIR)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => parse(readFileSync(path.join(RULES_DIR, n), 'utf8')) as unknown);
  const reportDir = path.join(workDir, 'base-report');
  const code = await main(['scan', '--spec', SPEC, '--snapshot', SNAPSHOT, '--format', 'json', '--out', reportDir, '--fail-on', 'none', '--quiet'], FUZZ_ENV, memoryOutput());
  if (code !== 0) throw new Error(`the base report of ${FIXTURE} exited ${code}`);
  const baseline = JSON.parse(readFileSync(path.join(reportDir, 'envgate.json'), 'utf8')) as { results: { status: string; fingerprint: string; ruleId: string; resource: { arn: string } }[] };
  const failures = baseline.results.filter((r) => r.status === 'fail');
  if (failures.length < 4) throw new Error(`${FIXTURE} has too few failures to make waivers from`);
  const waivers = {
    version: 1,
    waivers: failures.slice(0, 4).map((r, i) => ({
      ...(i % 2 === 0 ? { id: `w${i}`, fingerprint: r.fingerprint } : { rule: r.ruleId, resource: `${r.resource.arn.slice(0, -1)}*` }),
      reason: 'accepted for the fuzz base',
      owner: 'platform',
      expires: i < 2 ? '2030-01-01' : '2025-01-10',
    })),
  };
  return { spec: parse(readFileSync(SPEC, 'utf8')), snapshot: JSON.parse(readFileSync(SNAPSHOT, 'utf8')), rules, waivers, baseline };
}
