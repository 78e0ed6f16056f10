import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { daysLeft, isExpired, parseWaivers, waiverMatches } from '../../src/gate/waivers.js';
import { BUCKET_A, LEGACY_1, result } from './fixtures.js';

function errors(text: string) {
  try {
    parseWaivers(text, 'waivers.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).diagnostics.map((d) => ({ code: d.code, line: d.line, column: d.column, path: d.path, file: d.file }));
  }
  throw new Error('expected an InputError');
}

const VALID = `version: 1
waivers:
  - id: legacy-logs
    rule: s3-versioning
    resource: "arn:aws:s3:::legacy-logs-*"
    reason: Buckets are being retired
    owner: platform-team
    expires: 2025-03-01
  - fingerprint: ${result('s3-encryption', BUCKET_A).fingerprint}
    reason: Accepted until migration
    owner: data-team
    expires: 2025-01-10
`;

describe('parseWaivers', () => {
  it('reads entries by rule + pattern and by fingerprint, with their source lines', () => {
    const set = parseWaivers(VALID, 'waivers.yaml');
    expect(set.waivers).toHaveLength(2);
    expect(set.waivers[0]).toMatchObject({ id: 'legacy-logs', rule: 's3-versioning', expires: '2025-03-01', source: 'waivers.yaml:3' });
    expect(set.waivers[1]).toMatchObject({ fingerprint: result('s3-encryption', BUCKET_A).fingerprint, source: 'waivers.yaml:9' });
  });

  it('matches by fingerprint and by rule + ARN glob', () => {
    const [byRule, byFp] = parseWaivers(VALID, 'waivers.yaml').waivers;
    expect(waiverMatches(byRule!, result('s3-versioning', LEGACY_1))).toBe(true);
    expect(waiverMatches(byRule!, result('s3-encryption', LEGACY_1))).toBe(false);
    expect(waiverMatches(byRule!, result('s3-versioning', BUCKET_A))).toBe(false);
    expect(waiverMatches(byFp!, result('s3-encryption', BUCKET_A))).toBe(true);
    expect(waiverMatches(byFp!, result('s3-versioning', BUCKET_A))).toBe(false);
  });

  it('expires at 00:00 UTC on its expiry day', () => {
    const [w] = parseWaivers(VALID, 'waivers.yaml').waivers;
    expect(isExpired(w!, new Date('2025-02-28T23:59:59Z'))).toBe(false);
    expect(isExpired(w!, new Date('2025-03-01T00:00:00Z'))).toBe(true);
    expect(daysLeft(w!, new Date('2025-02-15T12:00:00Z'))).toBe(14);
  });

  it('locates unknown and missing keys', () => {
    const ds = errors(`version: 1
waivers:
  - rule: r
    resource: "*"
    owner: me
    expires: 2025-01-01
    reasn: typo
`);
    expect(ds).toContainEqual({ code: 'unknown-key', line: 7, column: 5, path: '/waivers/0/reasn', file: 'waivers.yaml' });
    expect(ds).toContainEqual(expect.objectContaining({ code: 'missing-key', line: 3, path: '/waivers/0' }));
  });

  it('rejects dates that are not calendar dates, and other formats', () => {
    const ds = errors(`version: 1
waivers:
  - fingerprint: ${'0'.repeat(32)}
    reason: r
    owner: o
    expires: 2025-02-30
  - fingerprint: ${'0'.repeat(31)}
    reason: r
    owner: o
    expires: 1st of May
`);
    expect(ds).toContainEqual(expect.objectContaining({ code: 'bad-date', line: 6, column: 14, path: '/waivers/0/expires' }));
    expect(ds).toContainEqual(expect.objectContaining({ code: 'bad-format', line: 7, path: '/waivers/1/fingerprint' }));
    expect(ds).toContainEqual(expect.objectContaining({ code: 'bad-format', line: 10, path: '/waivers/1/expires' }));
  });

  it('requires exactly one way of naming the finding', () => {
    const ds = errors(`version: 1
waivers:
  - fingerprint: ${'0'.repeat(32)}
    rule: r
    resource: "*"
    reason: r
    owner: o
    expires: 2025-01-01
  - rule: only-a-rule
    reason: r
    owner: o
    expires: 2025-01-01
  - reason: r
    owner: o
    expires: 2025-01-01
`);
    expect(ds.filter((d) => d.code === 'waiver-target').map((d) => d.line)).toEqual([3, 9, 13]);
  });

  it('reports bad patterns, duplicate ids, a wrong version and YAML syntax errors with positions', () => {
    expect(
      errors(`version: 1
waivers:
  - id: a
    rule: r
    resource: "re:arn:(unclosed"
    reason: r
    owner: o
    expires: 2025-01-01
  - id: a
    fingerprint: ${'1'.repeat(32)}
    reason: r
    owner: o
    expires: 2025-01-01
`),
    ).toEqual([
      expect.objectContaining({ code: 'bad-pattern', line: 5, column: 15 }),
      expect.objectContaining({ code: 'duplicate-id', line: 9, column: 9 }),
    ]);
    expect(errors('version: 2\nwaivers: []\n')).toEqual([expect.objectContaining({ code: 'bad-value', line: 1, column: 10, path: '/version' })]);
    expect(errors('version: 1\nwaivers:\n  - [unclosed\n')[0]).toMatchObject({ code: 'yaml-syntax' });
    expect(errors('')[0]).toMatchObject({ code: 'empty', line: 1, column: 1 });
    expect(errors('version: 1\nwaivers: {}\n')).toEqual([expect.objectContaining({ code: 'wrong-type', line: 2, column: 10 })]);
  });
});
