// Resolves a rule's requirement pattern (e.g. /environments/*/encryption/atRest) to a
// concrete pointer for one environment, then to file:line through LoadedSpec.positions,
// falling back to the nearest ancestor the spec actually contains.
import type { SpecLocation } from '../model/result.js';
import type { LoadedSpec } from '../model/spec.js';

export class SpecLocator {
  private readonly cache = new Map<string, SpecLocation | undefined>();
  constructor(private readonly spec: LoadedSpec) {}

  /** `env` replaces the `*` after /environments; `index` replaces any later `*`. */
  locate(pattern: string, env: string | null, index?: number): SpecLocation | undefined {
    const key = `${pattern}\u0000${env ?? ''}\u0000${index ?? ''}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const loc = this.pointer(this.resolve(pattern, env, index));
    this.cache.set(key, loc);
    return loc;
  }

  /** A concrete pointer (from an analysis outcome) to its location. */
  pointer(pointer: string): SpecLocation | undefined {
    let p = pointer;
    for (;;) {
      const pos = this.spec.positions[p];
      if (pos) return { file: this.spec.file, line: pos.line, column: pos.column, path: p };
      if (p === '') return undefined;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  private resolve(pattern: string, env: string | null, index?: number): string {
    if (pattern === '' || pattern === '/') return '';
    const segs = pattern.split('/').slice(1);
    const out: string[] = [];
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i]!;
      if (s !== '*') {
        out.push(s);
        continue;
      }
      const value = i > 0 && segs[i - 1] === 'environments' ? env : index !== undefined ? String(index) : null;
      if (value === null) break;
      out.push(value.replace(/~/g, '~0').replace(/\//g, '~1'));
    }
    return out.length === 0 ? '' : `/${out.join('/')}`;
  }
}
