import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/collect/snapshot-io.js';
import { InputError } from '../../src/model/diagnostics.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const FIXTURE = readFileSync('fixtures/mht-api/snapshot.json', 'utf8');

/** Mutates a copy of the fixture, parses it as a file, and returns `line path code` of each problem. */
function problems(mutate: (s: Obj) => void): string[] {
  const s = JSON.parse(FIXTURE) as Obj;
  mutate(s);
  try {
    parseSnapshot(JSON.stringify(s, null, 2), 'snapshot.json');
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => `${d.path} ${d.code}`);
    throw err;
  }
  return [];
}

/** A security group with ingress rules, by name (positions move as fixtures grow). */
const SG = (JSON.parse(FIXTURE) as Obj).resources.findIndex((r: Obj) => r.name === 'mht-api-staging-app-sg') as number;
const sg = (s: Obj) => s.resources[SG].config.ingress[0];

describe('snapshot values are checked with their types before any rule reads them', () => {
  it('accepts the fixture as it is', () => {
    expect(problems(() => undefined)).toEqual([]);
  });

  it('rejects an IAM action that is not text (was: pattern.trim is not a function)', () => {
    const ps = problems((s) => (s.principals[0].inlinePolicies[0].document.Statement[0].Action = [7]));
    expect(ps).toContain('/principals/0/inlinePolicies/0/document/Statement/0/Action/0 schema-type');
  });

  it('rejects security group rule cidrs or group ids that are not lists (was: rule.cidrs.filter is not a function, number 0 is not iterable)', () => {
    expect(problems((s) => (sg(s).cidrs = 'x'))).toContain(`/resources/${SG}/config/ingress/0/cidrs schema-type`);
    expect(problems((s) => (sg(s).groupIds = 0))).toContain(`/resources/${SG}/config/ingress/0/groupIds schema-type`);
    expect(problems((s) => delete sg(s).cidrs)).toContain(`/resources/${SG}/config/ingress/0 missing-key`);
  });

  it('rejects a statement with no or an unknown Effect, and policy text longer than IAM allows', () => {
    expect(problems((s) => (s.principals[0].inlinePolicies[0].document.Statement[0].Effect = 'Maybe'))).toContain('/principals/0/inlinePolicies/0/document/Statement/0/Effect schema-enum');
    expect(problems((s) => (s.principals[0].inlinePolicies[0].document.Statement[0].Resource = `arn:${'a'.repeat(7000)}`))).toContain('/principals/0/inlinePolicies/0/document/Statement/0/Resource schema-maxLength');
  });

  it('still accepts a config field that is absent (not collected)', () => {
    expect(problems((s) => delete s.resources[SG].config.ingress)).toEqual([]);
  });

  it('rejects a relation target longer than an ARN can be', () => {
    expect(problems((s) => (s.resources[SG].relations[0].target = 'x'.repeat(3000)))).toContain(`/resources/${SG}/relations/0/target schema-maxLength`);
  });
});
