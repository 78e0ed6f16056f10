// Organisation sizes: the positions of the resources that carry a resource policy are
// listed with a loop, since a spread of hundreds of thousands of arguments overflows the
// stack (a sharded scan of 5M resources, 500,000 queues, ended in a RangeError).
import { describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/context.js';
import type { PathContext } from '../../../src/engine/analyses/isolation-paths.js';
import { resourcePolicyPositions } from '../../../src/engine/analyses/resource-policy-paths.js';

describe('resourcePolicyPositions', () => {
  it('lists 600,000 queues and leaves out types without a resource policy', () => {
    const positions = Array.from({ length: 600_000 }, (_, i) => i * 2);
    const ctx = { typePositions: new Map([['AWS::SQS::Queue', positions], ['AWS::EC2::Volume', [1, 3]]]) } as unknown as EngineContext;
    const out = resourcePolicyPositions({ ctx } as PathContext);
    expect(out.length).toBe(600_000);
    expect([out[0], out[599_999]]).toEqual([0, 1_199_998]);
  });
});
