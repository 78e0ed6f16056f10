// The engine's pattern-list helper: a spec list's string entries compiled to matchers, in
// list order, other entries skipped.
import { describe, expect, it } from 'vitest';
import { matchersOf } from '../../src/engine/patterns.js';

describe('matchersOf', () => {
  it('compiles the string entries of a list in order and skips the others', () => {
    const list: unknown[] = ['app-*', 7, null, 're:db-[0-9]+', { name: 'x' }];
    const ms = matchersOf(list);
    expect(ms.length).toBe(2);
    expect(['app-web', 'db-12', 'db-x'].map((v) => ms.map((m) => m.test(v)))).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('gives each list its own matchers', () => {
    expect(matchersOf(['a']).map((m) => m.test('a'))).toEqual([true]);
    expect(matchersOf(['b']).map((m) => m.test('a'))).toEqual([false]);
    expect(matchersOf([])).toEqual([]);
  });
});
