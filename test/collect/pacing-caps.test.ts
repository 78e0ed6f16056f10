// The Pacer's two concurrency caps: per service, account and region, and over all calls.
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/collect/pacing.js';

/** Starts `keys.length` calls at once; each holds its slot until released. Returns the peak in flight. */
async function peak(pacer: Pacer, keys: [string, string, string][]): Promise<{ peak: number; order: number[] }> {
  let inFlight = 0;
  let max = 0;
  const order: number[] = [];
  const releases: (() => void)[] = [];
  const done = keys.map(([svc, acct, region], i) =>
    pacer.run(svc, acct, region, async () => {
      inFlight++;
      max = Math.max(max, inFlight);
      order.push(i);
      await new Promise<void>((r) => releases.push(r));
      inFlight--;
    }),
  );
  // Release one call at a time until all have run.
  for (let n = 0; n < keys.length; n++) {
    while (releases.length === 0) await new Promise((r) => setImmediate(r));
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(done);
  return { peak: max, order };
}

const spread = (n: number): [string, string, string][] => Array.from({ length: n }, (_, i) => ['sqs', `acct-${i % 5}`, i % 2 ? 'eu-west-1' : 'us-east-1']);

describe('Pacer caps', () => {
  it('without a total, each service/account/region key has its own slots', async () => {
    // Ten keys, one call each: all ten run at once.
    expect((await peak(new Pacer(2), spread(10))).peak).toBe(10);
    // One key, six calls, two slots: two at a time.
    expect((await peak(new Pacer(2), Array.from({ length: 6 }, () => ['s3', 'a', 'us-east-1'] as [string, string, string]))).peak).toBe(2);
  });

  it('the total caps the calls in flight over every key, in the order they were asked', async () => {
    const r = await peak(new Pacer(4, 3), spread(10));
    expect(r.peak).toBe(3);
    expect(r.order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('the smaller of the two caps wins on one key', async () => {
    const oneKey = Array.from({ length: 6 }, () => ['s3', 'a', 'us-east-1'] as [string, string, string]);
    expect((await peak(new Pacer(2, 5), oneKey)).peak).toBe(2);
    expect((await peak(new Pacer(4, 1), oneKey)).peak).toBe(1);
  });
});
