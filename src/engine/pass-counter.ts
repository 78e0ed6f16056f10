// Passes of one rule per environment (summary mode). A handful of environments and
// hundreds of thousands of adds: a short list scanned by identity (environment names
// are the spec's own strings, so the comparison is usually a pointer test) beats a
// Map's hashing.
import type { PassCount } from '../model/result.js';
import { cmp } from './results.js';

export class PassCounter {
  private readonly envs: (string | null)[] = [];
  private readonly counts: number[] = [];

  add(env: string | null): void {
    const { envs } = this;
    for (let i = 0; i < envs.length; i++) {
      if (envs[i] === env) {
        this.counts[i]!++;
        return;
      }
    }
    envs.push(env);
    this.counts.push(1);
  }

  /** Appends the counts to `out`, environments sorted, unattributed last. */
  into(ruleId: string, out: PassCount[]): void {
    const order = this.envs.map((_, i) => i).sort((a, b) => {
      const x = this.envs[a] ?? null;
      const y = this.envs[b] ?? null;
      return x === null ? 1 : y === null ? -1 : cmp(x, y);
    });
    for (const i of order) out.push({ ruleId, environment: this.envs[i] ?? null, passes: this.counts[i]! });
  }
}
