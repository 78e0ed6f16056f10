// Through the real engine: adding or removing unrelated resources changes no other
// finding's SARIF fingerprint or anchor, so GitHub keeps tracking the same alerts.
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { renderSarif } from '../../src/report/sarif.js';
import { loadRules } from '../../src/rules/load.js';
import { loadSpec } from '../../src/spec/load.js';
import { cleanContext } from './helpers.js';

type Log = { runs: { results: { ruleId: string; partialFingerprints: { primaryLocationLineHash: string }; locations: { physicalLocation: unknown; logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[] };

describe('fingerprints through evaluate()', () => {
  const spec = loadSpec('fixtures/mht-api/envgate.yaml');
  const rules = loadRules();
  const now = new Date('2025-01-01T00:00:00Z');
  const alerts = (snapshot: Snapshot) => {
    const log = JSON.parse(renderSarif(evaluate({ spec, snapshot, rules, now }), cleanContext())) as Log;
    return new Map(
      log.runs[0]!.results.map((r) => [`${r.ruleId} ${r.locations[0]!.logicalLocations[0]!.fullyQualifiedName}`, { fp: r.partialFingerprints.primaryLocationLineHash, at: r.locations[0]!.physicalLocation }]),
    );
  };

  it('keeps every other alert identical when a resource is added or removed', () => {
    const base = readSnapshot('fixtures/mht-api/snapshot.json');
    const before = alerts(base);
    expect(before.size).toBeGreaterThan(0);
    const bucket = base.resources.find((r) => r.type === 'AWS::S3::Bucket')!;
    const extra: Resource = { ...bucket, arn: 'arn:aws:s3:::aaa-unrelated-new-bucket', id: 'aaa-unrelated-new-bucket', name: 'aaa-unrelated-new-bucket', tags: {}, relations: [] };
    const removed = base.resources.find((r) => r.arn !== bucket.arn && r.type === 'AWS::SQS::Queue') ?? base.resources[base.resources.length - 1]!;
    const variants: Snapshot[] = [
      { ...base, resources: [extra, ...base.resources].sort((a, b) => (a.arn < b.arn ? -1 : 1)) },
      { ...base, resources: base.resources.filter((r) => r.arn !== removed.arn) },
    ];
    for (const v of variants) {
      const after = alerts(v);
      for (const [key, alert] of before) {
        if (key.endsWith(removed.arn) || !after.has(key)) continue;
        expect(after.get(key), key).toEqual(alert);
      }
      // Most alerts survive (only the removed resource's and relation-driven ones may go).
      expect([...before.keys()].filter((k) => after.has(k)).length).toBeGreaterThanOrEqual(before.size - 3);
    }
  });
});
