// Evaluation.attribution is built on first read: it must still be an enumerable property
// in its place (JSON and deep equality see it), sorted by ARN with principals merged in.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Principal } from '../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, prod, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

describe('Evaluation.attribution', () => {
  it('is an enumerable, ARN-sorted record of resources and principals', () => {
    const role: Principal = { arn: `arn:aws:iam::${STAGING_ACCOUNT}:role/app`, accountId: STAGING_ACCOUNT, kind: 'role', name: 'app', path: '/', tags: { Environment: 'staging' }, groups: [], attachedPolicies: [], inlinePolicies: [] };
    const a = prod('AWS::S3::Bucket', 'a', { arn: 'arn:aws:s3:::a' });
    const z = res('AWS::SQS::Queue', 'z', { accountId: '999999999999' });
    const ev = evaluate({ spec: loaded(baseSpec()), snapshot: snapshot([z, a], { principals: [role] }), rules: [], now: NOW });
    expect(Object.keys(ev)).toEqual(['results', 'rules', 'accessMatrix', 'costs', 'attribution']);
    const parsed = JSON.parse(JSON.stringify(ev)) as { attribution: Record<string, string | null> };
    expect(Object.entries(parsed.attribution)).toEqual([
      [role.arn, 'staging'],
      [a.arn, 'production'],
      [z.arn, null],
    ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)));
    expect(ev.attribution).toBe(ev.attribution);
  });
});
