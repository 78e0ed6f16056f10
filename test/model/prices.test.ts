// The snapshot's prices block: keys, canonical order, and merging several snapshots' blocks.
import { describe, expect, it } from 'vitest';
import { mergePrices, priceKeyId, sortPrices, type SnapshotPrices } from '../../src/model/prices.js';

const block = (entries: SnapshotPrices['entries'], missing: SnapshotPrices['missing'] = []): SnapshotPrices => ({ source: 'aws-price-list-api', entries, missing });

describe('prices block', () => {
  it('keys a combination by service, region, engine and item', () => {
    expect(priceKeyId({ service: 'rds', region: 'eu-west-3', engine: 'postgres', item: 'db.t3.micro' })).toBe('rds eu-west-3 postgres db.t3.micro');
    expect(priceKeyId({ service: 'ec2', region: 'eu-west-3', item: 't3.micro' })).toBe('ec2 eu-west-3 t3.micro');
  });

  it('sorts entries and missing by key', () => {
    const b = sortPrices(block([
      { service: 'rds', region: 'us-east-1', engine: 'mysql', item: 'db.t3.micro', usdPerHour: 0.017, asOf: '2026-12-01' },
      { service: 'ec2', region: 'us-east-1', item: 't3.micro', usdPerHour: 0.0104, asOf: '2026-12-01' },
    ]));
    expect(b.entries.map(priceKeyId)).toEqual(['ec2 us-east-1 t3.micro', 'rds us-east-1 mysql db.t3.micro']);
  });

  it('merges shards: the most recent price per key, missing only where no shard has one', () => {
    const a = block(
      [{ service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.0118, asOf: '2026-11-01' }],
      [{ service: 'ec2', region: 'eu-west-3', item: 'm5.large', reason: 'throttled' }],
    );
    const b = block(
      [
        { service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.012, asOf: '2026-12-01' },
        { service: 'ec2', region: 'eu-west-3', item: 'm5.large', usdPerHour: 0.112, asOf: '2026-12-01' },
      ],
      [{ service: 'ec2', region: 'us-east-1', item: 'x9.mega', reason: 'no product matched the filters' }],
    );
    const expected = block(
      [
        { service: 'ec2', region: 'eu-west-3', item: 'm5.large', usdPerHour: 0.112, asOf: '2026-12-01' },
        { service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.012, asOf: '2026-12-01' },
      ],
      [{ service: 'ec2', region: 'us-east-1', item: 'x9.mega', reason: 'no product matched the filters' }],
    );
    expect(mergePrices([a, undefined, b])).toEqual(expected);
    expect(mergePrices([b, a])).toEqual(expected);
    expect(mergePrices([undefined, undefined])).toBeUndefined();
  });
});
