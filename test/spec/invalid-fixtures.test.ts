import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { loadSpec } from '../../src/spec/load.js';

// Each invalid fixture and the problems it must produce: [code, line], in report order.
const EXPECTED: Record<string, [string, number][]> = {
  'alias-collision.yaml': [['alias-collision', 11]],
  'bad-account-id.yaml': [['account-id', 8]],
  'bad-arn.yaml': [['arn', 9], ['arn', 14]],
  'bad-cidr.yaml': [['cidr', 10], ['cidr', 11]],
  'bad-date.yaml': [['date', 5]],
  'bad-enum.yaml': [['enum', 13], ['enum', 19]],
  'bad-environment-name.yaml': [['name', 6]],
  'bad-machine-types.yaml': [['instance-type', 10], ['instance-type', 11], ['instance-type', 12]],
  'bad-pattern.yaml': [['pattern', 11], ['pattern', 12]],
  'bad-region.yaml': [['region', 10], ['zone-region', 14], ['availability-zone', 15]],
  'bad-retention.yaml': [['log-retention', 13], ['range', 16], ['range', 18]],
  'binary.yaml': [['binary', 1]],
  'cidr-outside.yaml': [['cidr-outside', 13]],
  'cidr-overlap.yaml': [['cidr-overlap', 15]],
  'comments-only.yaml': [['empty', 1]],
  'duplicate-account.yaml': [['duplicate-account', 11]],
  'duplicate-key.json': [['duplicate-key', 7]],
  'duplicate-key.yaml': [['duplicate-key', 9]],
  'empty.yaml': [['empty', 1]],
  'invalid-utf8.yaml': [['binary', 1]],
  'missing-required.yaml': [['required', 2], ['required', 5]],
  'not-a-mapping.yaml': [['not-a-mapping', 1]],
  'scalar.yaml': [['not-a-mapping', 1]],
  'several-errors.yaml': [
    ['unknown-key', 11],
    ['cidr-overlap', 17],
    ['range', 18],
    ['pattern', 21],
    ['undefined-environment', 24],
  ],
  'syntax.yaml': [['syntax', 8]],
  'type-error.yaml': [['type', 8], ['type', 10], ['type', 12]],
  'undefined-environment.yaml': [['undefined-environment', 19], ['undefined-environment', 22]],
  'undefined-team.yaml': [['undefined-team', 15]],
  'unchecked-type.yaml': [['unchecked-type', 11], ['uncollected-type', 13], ['resource-type', 14]],
  'unknown-key.yaml': [['unknown-key', 9]],
};

function problems(file: string): InputError {
  try {
    loadSpec(file);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error(`${file} was accepted`);
}

describe('invalid spec fixtures', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(readdirSync('fixtures/invalid').sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`rejects ${name} with ${expected.map(([c]) => c).join(', ')}`, () => {
      const file = `fixtures/invalid/${name}`;
      const err = problems(file);
      expect(err.diagnostics.map((d) => [d.code, d.line])).toEqual(expected);
      for (const d of err.diagnostics) {
        expect(d.file).toBe(file);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.message.length).toBeGreaterThan(0);
      }
    });
  }

  it('gives whole-file problems one diagnostic at 1:1', () => {
    for (const name of ['binary.yaml', 'invalid-utf8.yaml', 'empty.yaml', 'comments-only.yaml', 'not-a-mapping.yaml', 'scalar.yaml']) {
      const [d, ...rest] = problems(`fixtures/invalid/${name}`).diagnostics;
      expect(rest).toEqual([]);
      expect([d?.line, d?.column, d?.path]).toEqual([1, 1, '']);
    }
  });

  it('points unknown keys at the key, with a suggestion, and values at the value', () => {
    const [unknown] = problems('fixtures/invalid/unknown-key.yaml').diagnostics;
    expect(unknown).toMatchObject({ path: '/environments/staging/regoins', line: 9, column: 5 });
    expect(unknown?.message).toContain('"regions"');
    const [cidr] = problems('fixtures/invalid/bad-cidr.yaml').diagnostics;
    expect(cidr).toMatchObject({ path: '/environments/staging/network/vpcCidrs/0', line: 10, column: 18 });
  });

  it('points a missing required key at the mapping that lacks it', () => {
    const diags = problems('fixtures/invalid/missing-required.yaml').diagnostics;
    expect(diags.map((d) => [d.path, d.line, d.column])).toEqual([
      ['/version', 2, 1],
      ['/environments/staging/accounts', 5, 3],
    ]);
  });
});
