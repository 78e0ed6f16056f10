// Merging snapshot shards: the union of each list by key, sorted, one copy of what two
// shards both saw (the same one whatever the shard order), summed API calls, the latest
// collection time; and the gate's input files, whose read errors name the file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaselineFile, readReportFile, readText, readWaiversFile } from '../../src/gate/files.js';
import { mergeSnapshots } from '../../src/gate/merge-snapshots.js';
import { InputError } from '../../src/model/diagnostics.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { tempDir } from '../helpers/tmp.js';
import { context, managed, principal, resource } from '../engine/analyses/iso-access-factory.js';

const shard = (over: Partial<Snapshot>, meta: Partial<Snapshot['metadata']> = {}): Snapshot => {
  const s = context({}).snapshot;
  return { ...s, ...over, metadata: { ...s.metadata, ...meta } };
};
const err = (accountId: string, operation: string) => ({ accountId, region: 'eu-west-1', service: 's3', operation, code: 'AccessDenied', message: 'denied', affects: [] });

describe('mergeSnapshots', () => {
  const a = shard(
    { resources: [resource('arn:aws:s3:::b', 'AWS::S3::Bucket', { name: 'b-from-a' }), resource('arn:aws:s3:::a', 'AWS::S3::Bucket')], errors: [err('2', 'y')] },
    { collectedAt: '2026-01-02T00:00:00Z', accounts: ['2', '1'], regions: ['eu-west-1'], apiCalls: { 'sqs:ListQueues': 1, 's3:ListBuckets': 2 } },
  );
  const b = shard(
    { resources: [resource('arn:aws:s3:::b', 'AWS::S3::Bucket', { name: 'b-from-b' }), resource('arn:aws:s3:::c', 'AWS::S3::Bucket')], errors: [err('1', 'x'), err('2', 'y')] },
    { collectedAt: '2026-01-01T00:00:00Z', accounts: ['1', '3'], regions: ['us-east-1'], apiCalls: { 's3:ListBuckets': 3 } },
  );

  it('unions and sorts every list, sums API calls and takes the latest collection time', () => {
    const m = mergeSnapshots([{ file: 'a.json', snapshot: a }, { file: 'b.json', snapshot: b }]);
    expect(m.resources.map((r) => [r.arn, r.name])).toEqual([['arn:aws:s3:::a', 'a'], ['arn:aws:s3:::b', 'b-from-a'], ['arn:aws:s3:::c', 'c']]);
    expect(m.errors.map((e) => e.operation)).toEqual(['x', 'y']);
    expect(m.metadata).toMatchObject({ collectedAt: '2026-01-02T00:00:00Z', accounts: ['1', '2', '3'], regions: ['eu-west-1', 'us-east-1'], apiCalls: { 's3:ListBuckets': 5, 'sqs:ListQueues': 1 } });
    expect(Object.keys(m.metadata.apiCalls)).toEqual(['s3:ListBuckets', 'sqs:ListQueues']);
  });

  it('keeps the same copy of a twice-seen item whatever the shard order', () => {
    const m = mergeSnapshots([{ file: 'b.json', snapshot: b }, { file: 'a.json', snapshot: a }]);
    expect(m.resources.map((r) => r.name)).toEqual(['a', 'b-from-a', 'c']);
  });

  it('principals, policies, costs and coverage: each by its own key, twice-seen ones once', () => {
    const pr = (arn: string) => principal(arn);
    const cost = (accountId: string, tagValue: string) => ({ accountId, tagKey: 'env', tagValue, periodStart: '2026-01-01', periodEnd: '2026-02-01', amountUsd: 1 });
    const cov = (accountId: string, types: string[]) => ({ accountId, region: 'eu-west-1', source: 'tagging' as const, types });
    const x = shard({ principals: [pr('arn:aws:iam::1:role/b'), pr('arn:aws:iam::1:role/a')], policies: [managed('arn:aws:iam::1:policy/p', { Statement: [] })], costs: [cost('1', 'stg')] }, { coverage: [cov('1', ['B', 'A'])] });
    const y = shard({ principals: [pr('arn:aws:iam::1:role/a'), pr('arn:aws:iam::2:role/c')], policies: [managed('arn:aws:iam::2:policy/q', { Statement: [] })], costs: [cost('1', 'stg'), cost('2', 'stg')] }, { coverage: [cov('1', ['A', 'B']), cov('2', ['A'])] });
    const m = mergeSnapshots([{ file: 'x.json', snapshot: x }, { file: 'y.json', snapshot: y }]);
    expect(m.principals.map((p) => p.arn)).toEqual(['arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b', 'arn:aws:iam::2:role/c']);
    expect(m.policies.map((p) => p.arn)).toEqual(['arn:aws:iam::1:policy/p', 'arn:aws:iam::2:policy/q']);
    expect(m.costs.map((c) => c.accountId)).toEqual(['1', '2']);
    // Coverage of the same account, region and source is one entry whatever the order of its types.
    expect(m.metadata.coverage.map((c) => [c.accountId, c.types])).toEqual([['1', ['A', 'B']], ['2', ['A']]]);
  });

  it('errors differing only in their resource are kept apart', () => {
    const e = (resourceArn?: string) => ({ ...err('1', 'GetBucketPolicy'), ...(resourceArn ? { resourceArn } : {}) });
    const m = mergeSnapshots([{ file: 'x.json', snapshot: shard({ errors: [e('arn:aws:s3:::a'), e()] }) }, { file: 'y.json', snapshot: shard({ errors: [e('arn:aws:s3:::b'), e()] }) }]);
    expect(m.errors.map((x) => x.resourceArn ?? null)).toEqual([null, 'arn:aws:s3:::a', 'arn:aws:s3:::b']);
  });

  it('the latest collection time of any number of shards', () => {
    const at = (collectedAt: string) => ({ file: `${collectedAt}.json`, snapshot: shard({}, { collectedAt }) });
    expect(mergeSnapshots([at('2026-01-03T00:00:00Z'), at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z')]).metadata.collectedAt).toBe('2026-01-03T00:00:00Z');
  });

  it('needs at least one snapshot', () => {
    expect(() => mergeSnapshots([])).toThrow(new InputError('merge needs at least one snapshot'));
  });
});

describe('gate input files', () => {
  const dir = tempDir('envgate-files-');

  it('reads a file without its byte order mark, and a file without one whole', () => {
    const f = path.join(dir, 'w.yaml');
    writeFileSync(f, '\ufeffversion: 1\n');
    expect(readText(f, 'waivers file')).toBe('version: 1\n');
    writeFileSync(f, 'version: 1\n');
    expect(readText(f, 'waivers file')).toBe('version: 1\n');
  });

  it('the report, baseline and waivers readers name what they could not read', () => {
    const missing = path.join(dir, 'gone.json');
    expect(() => readReportFile(missing)).toThrow(`cannot read report ${missing}: no such file`);
    expect(() => readBaselineFile(missing)).toThrow(`cannot read report ${missing}: no such file`);
    expect(() => readWaiversFile(missing)).toThrow(`cannot read waivers file ${missing}: no such file`);
  });

  it('a missing file or a folder is an input error naming it, at line 1', () => {
    const missing = path.join(dir, 'none.yaml');
    const folder = path.join(dir, 'sub');
    mkdirSync(folder);
    const caught = (f: string) => {
      try {
        readText(f, 'waivers file');
      } catch (e) {
        return [(e as InputError).message, (e as InputError).diagnostics];
      }
      return undefined;
    };
    expect(caught(missing)).toEqual([`cannot read waivers file ${missing}: no such file`, [{ file: missing, line: 1, column: 1, path: '', code: 'file-not-found', message: 'cannot read waivers file: no such file' }]]);
    expect(caught(folder)).toEqual([`cannot read waivers file ${folder}: it is a directory`, [{ file: folder, line: 1, column: 1, path: '', code: 'file-unreadable', message: 'cannot read waivers file: it is a directory' }]]);
  });
});
