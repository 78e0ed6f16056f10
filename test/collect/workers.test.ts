// How parallel collection shares out accounts and the total concurrency (pure parts).
import { describe, expect, it } from 'vitest';
import { autoWorkers, dealAccounts, shareOf } from '../../src/collect/workers.js';

describe('worker shares', () => {
  it('auto: one thread per core, never more than the accounts, at least one', () => {
    expect(autoWorkers(1, 8)).toBe(1);
    expect(autoWorkers(3, 8)).toBe(3);
    expect(autoWorkers(500, 2)).toBe(2);
    expect(autoWorkers(0, 4)).toBe(1);
  });

  it('deals sorted accounts out in turn, whatever their order in the spec', () => {
    expect(dealAccounts(['5', '1', '4', '2', '3'], 2)).toEqual([
      ['1', '3', '5'],
      ['2', '4'],
    ]);
    expect(dealAccounts(['b', 'a'], 4)).toEqual([['a'], ['b']]);
    expect(dealAccounts([], 3)).toEqual([[]]);
  });

  it('shares a total cap out in whole calls adding up to it, at least one each', () => {
    expect([0, 1, 2].map((i) => shareOf(64, 3, i))).toEqual([22, 21, 21]);
    expect([0, 1].map((i) => shareOf(64, 2, i))).toEqual([32, 32]);
    expect([0, 1, 2].map((i) => shareOf(2, 3, i))).toEqual([1, 1, 1]);
    expect(shareOf(undefined, 2, 0)).toBeUndefined();
  });
});
