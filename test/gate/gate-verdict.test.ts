// The gate's console verdict and its envgate-gate.json summary, for each verdict: the
// head line, the counts (singular and plural, fail-on none), each blocking finding with
// the expired waiver that no longer covers it, the caps, and the incomplete part.
import { describe, expect, it } from 'vitest';
import { decide, type GateInput } from '../../src/gate/decide.js';
import { gateSummary, verdictLines, type GateScope } from '../../src/gate/verdict.js';
import { parseWaivers } from '../../src/gate/waivers.js';
import { BUCKET_A, BUCKET_B, result } from './fixtures.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const base = (over: Partial<GateInput>): GateInput => ({ results: [], failOn: 'high', allowIncomplete: false, now: NOW, ...over });
const scope: GateScope = { from: 'staging', to: 'production', failOn: 'high' };
const waivers = (entries: string) => parseWaivers(`version: 1\nwaivers:\n${entries}`, 'w.yaml');
const entry = (target: string, expires: string, id: string) => `  - id: ${id}\n    ${target}\n    reason: accepted\n    owner: team\n    expires: ${expires}\n`;
const fpA = result('s3-encryption', BUCKET_A).fingerprint;
const blockedInput = () =>
  base({
    results: [result('s3-encryption', BUCKET_A), result('s3-public', BUCKET_B, { severity: 'critical', environment: 'staging', environments: ['production', 'staging'] }), result('s3-logging', BUCKET_A, { severity: 'low' })],
    waivers: waivers(entry(`fingerprint: ${fpA}`, '2024-12-01', 'old') + entry('rule: s3-tags\n    resource: "*"', '2025-01-05', 'soon')),
  });

describe('gate verdict lines', () => {
  it('blocked: each blocking finding with its environments, the expired waiver under it, and the expired list', () => {
    expect(verdictLines(decide(blockedInput()), scope)).toEqual([
      'envgate gate staging -> production: BLOCKED (exit 1)',
      '  2 blocking findings at or above high; 0 waived, 0 in baseline, 1 below threshold',
      `  - critical s3-public ${BUCKET_B} (staging, involves production): s3-public on ${BUCKET_B}`,
      `  - high s3-encryption ${BUCKET_A} (production): s3-encryption on ${BUCKET_A}`,
      '      waiver old (w.yaml:3) expired on 2024-12-01, owner team',
      '  expired waivers: old (w.yaml:3, expired 2024-12-01)',
    ]);
  });

  it('one blocking finding is singular; fail-on none is named so', () => {
    expect(verdictLines(decide(base({ results: [result('r', BUCKET_A, { environment: null })] })), scope).slice(1)).toEqual([
      '  1 blocking finding at or above high; 0 waived, 0 in baseline, 0 below threshold',
      `  - high r ${BUCKET_A} (unattributed): r on ${BUCKET_A}`,
    ]);
    expect(verdictLines(decide(base({ failOn: 'none' })), { ...scope, failOn: 'none' })).toEqual([
      'envgate gate staging -> production: PASS (exit 0)',
      '  0 blocking findings at or above (fail-on none); 0 waived, 0 in baseline, 0 below threshold',
    ]);
  });

  it('incomplete: the count, each check with its reason, "allowed" when --allow-incomplete passes it', () => {
    const ne = [result('s3-tags', BUCKET_A, { status: 'not-evaluated' })];
    expect(verdictLines(decide(base({ results: ne })), scope)).toEqual([
      'envgate gate staging -> production: INCOMPLETE (exit 3)',
      '  0 blocking findings at or above high; 0 waived, 0 in baseline, 0 below threshold',
      '  incomplete: 1 check(s) not evaluated, 0 collection error(s)',
      `  ? s3-tags ${BUCKET_A}: collection error s3:GetBucketEncryption AccessDenied`,
    ]);
    expect(verdictLines(decide(base({ results: ne, allowIncomplete: true })), scope)[2]).toBe('  incomplete: 1 check(s) not evaluated, 0 collection error(s) (allowed by --allow-incomplete)');
    // Blocked and incomplete: the incomplete line says nothing of --allow-incomplete.
    expect(verdictLines(decide(base({ results: [...ne, result('r', BUCKET_B)], allowIncomplete: true })), scope).at(-2)).toBe('  incomplete: 1 check(s) not evaluated, 0 collection error(s)');
  });

  it('lists 20 blocking and 20 unevaluated checks, then says how many more', () => {
    const arn = (i: number) => `arn:aws:s3:::b${String(i).padStart(2, '0')}`;
    const many = Array.from({ length: 21 }, (_, i) => result('r', arn(i)));
    const ne = Array.from({ length: 22 }, (_, i) => result('n', arn(i), { status: 'not-evaluated' }));
    const lines = verdictLines(decide(base({ results: [...many, ...ne] })), scope);
    expect([lines.length, lines[21], lines[22], lines[23], lines[43], lines[44]]).toEqual([
      45,
      `  - high r ${arn(19)} (production): r on ${arn(19)}`,
      '  ... and 1 more (see the reports)',
      '  incomplete: 22 check(s) not evaluated, 0 collection error(s)',
      `  ? n ${arn(19)}: collection error s3:GetBucketEncryption AccessDenied`,
      '  ... and 2 more not evaluated',
    ]);
  });

  it('keeps line breaks and escape sequences from AWS names out of the terminal', () => {
    const r = { ...result('r', BUCKET_A), message: 'bad\nname\u001b[31m' };
    expect(verdictLines(decide(base({ results: [r] })), scope)[2]).toBe(`  - high r ${BUCKET_A} (production): bad name[31m`);
  });
});

describe('gate summary (envgate-gate.json)', () => {
  it('holds the verdict, the counts and every listed finding and waiver', () => {
    const d = decide(blockedInput());
    expect(gateSummary(d, scope)).toEqual({
      verdict: 'blocked',
      exitCode: 1,
      from: 'staging',
      to: 'production',
      failOn: 'high',
      counts: { failures: 3, waived: 0, inBaseline: 0, belowThreshold: 1, blocking: 2 },
      incomplete: false,
      notEvaluated: 0,
      collectionErrors: 0,
      blocking: [
        { fingerprint: result('s3-public', BUCKET_B).fingerprint, ruleId: 's3-public', severity: 'critical', arn: BUCKET_B, environment: 'staging', environments: ['production', 'staging'] },
        { fingerprint: fpA, ruleId: 's3-encryption', severity: 'high', arn: BUCKET_A, environment: 'production', environments: ['production'] },
      ],
      expiredWaivers: [{ waiver: 'old', source: 'w.yaml:3', expires: '2024-12-01', owner: 'team', blocks: true, findings: [fpA] }],
      expiringWaivers: [{ waiver: 'soon', source: 'w.yaml:8', expires: '2025-01-05', daysLeft: 4 }],
      unusedWaivers: [{ waiver: 'soon', source: 'w.yaml:8' }],
    });
  });
});
