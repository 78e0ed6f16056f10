// Spec patterns (`*`/`?` globs over the whole string, `re:` anchored regexes). One
// definition for the whole tool lives in src/spec/patterns.ts (compiled once, cached);
// the engine only adds a list helper.
import { compilePattern } from '../spec/patterns.js';

export { compilePattern };

export function matchesAnyPattern(value: string, patterns: readonly string[]): boolean {
  for (const p of patterns) if (compilePattern(p).test(value)) return true;
  return false;
}
