// Spec patterns (`*`/`?` globs over the whole string, `re:` anchored regexes). One
// definition for the whole tool lives in src/util/patterns.ts (compiled once, cached);
// the engine only adds list helpers.
import { compilePattern, type Matcher } from '../util/patterns.js';

export { compilePattern, type Matcher };

const listCache = new WeakMap<readonly unknown[], Matcher[]>();

/**
 * The matchers of a pattern list (its non-string entries skipped), compiled once per
 * list object: spec lists are the same objects for every resource a rule checks.
 */
export function matchersOf(patterns: readonly unknown[]): Matcher[] {
  let m = listCache.get(patterns);
  if (m === undefined) {
    m = [];
    for (const p of patterns) if (typeof p === 'string') m.push(compilePattern(p));
    listCache.set(patterns, m);
  }
  return m;
}
