// Snapshot merge and shard markers: a marker (global services left to another shard)
// goes when a shard of the merge collected that account's global part, and stays when none did.
import { describe, expect, it } from 'vitest';
import { mergeSnapshots } from '../../src/gate/merge-snapshots.js';
import type { CollectionError, Snapshot } from '../../src/model/snapshot.js';
import { shardMarker } from '../../src/model/shard-marker.js';

function snap(accounts: string[], region: string, errors: CollectionError[]): Snapshot {
  return {
    schemaVersion: 1,
    metadata: { tool: { name: 'envgate', version: 'test' }, collectedAt: '2026-01-01T00:00:00.000Z', accounts, regions: [region], apiCalls: {}, coverage: [] },
    resources: [],
    principals: [],
    policies: [],
    costs: [],
    errors,
  };
}

const denied: CollectionError = { accountId: '111111111111', region: 'us-east-1', service: 's3', operation: 'ListBuckets', code: 'AccessDenied', message: 'no', affects: ['AWS::S3::Bucket'] };
const marker = (a: string) => shardMarker(a, ['AWS::IAM::Role', 'iam']);
const merged = (...snaps: Snapshot[]) => mergeSnapshots(snaps.map((snapshot, i) => ({ file: `s${i}.json`, snapshot })));

describe('mergeSnapshots and shard markers', () => {
  it('drops a marker when another shard collected that account, keeping real errors', () => {
    const out = merged(snap(['111111111111'], 'us-east-1', [marker('111111111111'), denied]), snap(['111111111111'], 'eu-west-1', []));
    expect(out.errors).toEqual([denied]);
  });

  it('keeps the marker when no shard collected the account, one per account', () => {
    const out = merged(snap(['111111111111'], 'us-east-1', [marker('111111111111')]), snap(['111111111111'], 'us-west-2', [marker('111111111111')]), snap(['222222222222'], 'us-east-1', []));
    expect(out.errors).toEqual([
      { accountId: '111111111111', region: 'global', service: 'envgate', operation: 'shard', code: 'NotCollectedInShard', message: 'global services not collected in this shard (--global)', affects: ['AWS::IAM::Role', 'iam'] },
    ]);
  });

  it('a shard of another account does not complete this one', () => {
    const out = merged(snap(['111111111111'], 'us-east-1', [marker('111111111111')]), snap(['222222222222'], 'eu-west-1', []));
    expect(out.errors.map((e) => `${e.accountId} ${e.code}`)).toEqual(['111111111111 NotCollectedInShard']);
  });
});
