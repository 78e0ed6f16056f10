// Summary mode counts a rule's passes per environment instead of listing them: the counts
// come out sorted by environment with the unattributed (null) last, and an `exempt` count
// only where the rule left resources out.
import { describe, expect, it } from 'vitest';
import { PassCounter } from '../../src/engine/pass-counter.js';
import { EnvMemo } from '../../src/engine/env-memo.js';
import type { PassCount } from '../../src/model/result.js';

describe('PassCounter', () => {
  it('counts passes and exemptions per environment, sorted, unattributed last', () => {
    const c = new PassCounter();
    c.add(null);
    c.add('staging');
    c.add('prod', true);
    c.add('staging');
    c.add('dev');
    c.add(null, true);
    c.add('prod');
    const out: PassCount[] = [{ ruleId: 'earlier', environment: 'dev', passes: 1 }];
    c.into('r1', out);
    expect(out).toEqual([
      { ruleId: 'earlier', environment: 'dev', passes: 1 },
      { ruleId: 'r1', environment: 'dev', passes: 1 },
      { ruleId: 'r1', environment: 'prod', passes: 2, exempt: 1 },
      { ruleId: 'r1', environment: 'staging', passes: 2 },
      { ruleId: 'r1', environment: null, passes: 2, exempt: 1 },
    ]);
  });

  it('puts the unattributed count last whichever environment came first', () => {
    const c = new PassCounter();
    c.add('b');
    c.add(null);
    c.add('a');
    const out: PassCount[] = [];
    c.into('r', out);
    expect(out.map((x) => x.environment)).toEqual(['a', 'b', null]);
  });

  it('puts the unattributed count last when it came first', () => {
    const c = new PassCounter();
    c.add(null);
    c.add('b');
    c.add('a');
    const out: PassCount[] = [];
    c.into('r', out);
    expect(out.map((x) => x.environment)).toEqual(['a', 'b', null]);
  });

  it('adds nothing for a rule without passes', () => {
    const out: PassCount[] = [];
    new PassCounter().into('r', out);
    expect(out).toEqual([]);
  });
});

describe('EnvMemo', () => {
  it('finds each stored environment (and null) at its own position, -1 otherwise', () => {
    const m = new EnvMemo<number>();
    expect(m.index('prod')).toBe(-1);
    expect(m.add('prod', 10)).toBe(10);
    m.add(null, 20);
    m.add('dev', 30);
    expect([m.index('prod'), m.index(null), m.index('dev'), m.index('staging')]).toEqual([0, 1, 2, -1]);
    expect(m.at(m.index('dev'))).toBe(30);
    expect(m.entries()).toEqual([['prod', 10], [null, 20], ['dev', 30]]);
  });
});
