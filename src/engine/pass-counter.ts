// Passes of one rule per environment (summary mode): hundreds of thousands of adds over a
// handful of environments, counted in an EnvMemo (identity-scanned, no hashing).
import type { PassCount } from '../model/result.js';
import { EnvMemo } from './env-memo.js';
import { cmp } from './results.js';

export class PassCounter {
  private readonly counts = new EnvMemo<{ passes: number; exempt: number }>();

  /** One pass; `exempt` when the rule left the resource out (furniture, team principal). */
  add(env: string | null, exempt = false): void {
    const i = this.counts.index(env);
    const c = i >= 0 ? this.counts.at(i) : this.counts.add(env, { passes: 0, exempt: 0 });
    c.passes++;
    if (exempt) c.exempt++;
  }

  /** Appends the counts to `out`, environments sorted, unattributed last. */
  into(ruleId: string, out: PassCount[]): void {
    const entries = this.counts.entries().sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : cmp(a, b)));
    for (const [environment, c] of entries) out.push(c.exempt > 0 ? { ruleId, environment, passes: c.passes, exempt: c.exempt } : { ruleId, environment, passes: c.passes });
  }
}
