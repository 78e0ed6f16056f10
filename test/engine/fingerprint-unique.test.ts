import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { fingerprint } from '../../src/util/fingerprint.js';
import { loadRules } from '../../src/rules/load.js';
import { loadSpec } from '../../src/spec/load.js';

const SYSTEMS = ['3mtt-chatbot', 'ai-sdlc', 'mht-api', 'monepiceriz'];

describe('fingerprints', () => {
  it('keep the plain (rule, ARN) value when no qualifier is given', () => {
    expect(fingerprint('r', 'arn:aws:s3:::b')).toBe(fingerprint('r', 'arn:AWS:S3:::b'));
    expect(fingerprint('r', 'arn:aws:s3:::b', 'team/prod')).not.toBe(fingerprint('r', 'arn:aws:s3:::b'));
    expect(fingerprint('r', 'arn:aws:s3:::b', 'team/prod')).not.toBe(fingerprint('r', 'arn:aws:s3:::b', 'team/stg'));
  });

  // A duplicate would make SARIF alerts and waivers ambiguous (one alert for two judgements).
  it.each(SYSTEMS)('are unique across every result of the %s fixture', (system) => {
    const ev = evaluate({
      spec: loadSpec(`fixtures/${system}/envgate.yaml`),
      snapshot: readSnapshot(`fixtures/${system}/snapshot.json`),
      rules: loadRules(),
      now: new Date('2025-06-01T00:00:00Z'),
    });
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const r of ev.results) {
      const key = `${r.ruleId} ${r.resource.arn} ${r.status}`;
      if (seen.has(r.fingerprint)) dupes.push(`${key} ~ ${seen.get(r.fingerprint)}`);
      seen.set(r.fingerprint, key);
    }
    expect(dupes).toEqual([]);
    expect(ev.results.length).toBeGreaterThan(100);
  });
});
