// Name and ARN patterns: a glob (`*` any run of characters, `?` one character, matched
// against the whole value) or, with the `re:` prefix, a regular expression anchored at
// both ends. Case-sensitive. Compiled once and cached: the engine matches every
// resource against every pattern.

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 10_000;

/** Why `pattern` is not usable, or undefined when it compiles. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'is empty';
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

/** Compiles a pattern to an anchored RegExp (throws on an invalid `re:` pattern). */
export function compilePattern(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = pattern.startsWith('re:') ? new RegExp(`^(?:${pattern.slice(3)})$`) : globToRegExp(pattern);
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

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += source.endsWith('[\\s\\S]*') ? '' : '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
