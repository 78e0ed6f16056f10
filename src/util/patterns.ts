// Name and ARN patterns: a glob (`*` any run of characters, `?` one character, matched
// against the whole value) or, with the `re:` prefix, a regular expression anchored at
// both ends. Case-sensitive. Compiled once and cached: the engine matches every
// resource against every pattern, so the common glob shapes (a literal, `prefix*`,
// `*suffix`, `prefix*suffix`, `*`) become string tests instead of a RegExp run.

/** What a compiled pattern offers: RegExp's `test`, or a string test with the same answers. */
export interface Matcher {
  test(value: string): boolean;
}

const cache = new Map<string, Matcher>();
export const MAX_PATTERN_LENGTH = 2048;
const CACHE_LIMIT = 10_000;

/** Why `pattern` is not usable, or undefined when it compiles. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'is empty';
  // Longer than any AWS name or ARN can be (ARNs stop at 2,048): a pattern that long is a
  // mistake, and one far longer compiles past what a regular expression may hold.
  if (pattern.length > MAX_PATTERN_LENGTH) return `is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are accepted`;
  if ([...pattern].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return 'contains a control character';
  if (pattern.startsWith('re:')) {
    const source = pattern.slice(3);
    if (source.length === 0) return 'has an empty regular expression after re:';
    try {
      new RegExp(`^(?:${source})$`);
    } catch (err) {
      return `is not a valid regular expression (${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')})`;
    }
  }
  return undefined;
}

/** Compiles a pattern to a whole-value matcher (throws on an invalid `re:` pattern). */
export function compilePattern(pattern: string): Matcher {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = pattern.startsWith('re:') ? new RegExp(`^(?:${pattern.slice(3)})$`) : (globMatcher(pattern) ?? globToRegExp(pattern));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** Whether `value` matches `pattern` as a whole (glob with * and ?, or `re:` regex). */
export function matchesPattern(pattern: string, value: string): boolean {
  if (!pattern.startsWith('re:') && !pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  return compilePattern(pattern).test(value);
}

/** Whether any of `patterns` matches `value`. */
export function matchesAny(patterns: readonly string[], value: string): boolean {
  return patterns.some((p) => matchesPattern(p, value));
}

/** A string test for a glob with no `?` and at most one run of `*`s, else undefined. */
function globMatcher(glob: string): Matcher | undefined {
  if (glob.includes('?')) return undefined;
  const first = glob.indexOf('*');
  if (first < 0) return { test: (v) => v === glob };
  let last = first;
  while (glob[last + 1] === '*') last++;
  if (glob.indexOf('*', last + 1) >= 0) return undefined;
  const prefix = glob.slice(0, first);
  const suffix = glob.slice(last + 1);
  if (prefix === '' && suffix === '') return { test: () => true };
  if (suffix === '') return { test: (v) => v.startsWith(prefix) };
  if (prefix === '') return { test: (v) => v.endsWith(suffix) };
  const min = prefix.length + suffix.length;
  return { test: (v) => v.length >= min && v.startsWith(prefix) && v.endsWith(suffix) };
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += source.endsWith('[\\s\\S]*') ? '' : '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
