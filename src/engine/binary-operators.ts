// The rule language's two-sided comparisons (observed against expected), as plain
// predicates: the compiler in conditions.ts wraps them in three-valued verdicts.
import { cidrWithin } from '../util/cidr.js';
import { matchersOf, type Matcher } from './patterns.js';

const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return false;
}

function anyMatches(ms: readonly Matcher[], value: string): boolean {
  for (let i = 0; i < ms.length; i++) if (ms[i]!.test(value)) return true;
  return false;
}

export const BINARY: Record<string, (o: unknown, e: unknown) => boolean> = {
  equals: same,
  notEquals: (o, e) => !same(o, e),
  in: (o, e) => Array.isArray(e) && e.some((x) => same(o, x)),
  notIn: (o, e) => !(Array.isArray(e) && e.some((x) => same(o, x))),
  gt: (o, e) => num(o) && num(e) && o > e,
  gte: (o, e) => num(o) && num(e) && o >= e,
  lt: (o, e) => num(o) && num(e) && o < e,
  lte: (o, e) => num(o) && num(e) && o <= e,
  matchesAny: (o, e) => typeof o === 'string' && Array.isArray(e) && anyMatches(matchersOf(e), o),
  contains: (o, e) => Array.isArray(o) && o.some((x) => same(x, e)),
  hasKeys: (o, e) =>
    o !== null && typeof o === 'object' && Array.isArray(e) && e.every((k) => typeof k === 'string' && Object.hasOwn(o, k)),
  cidrWithin: (o, e) => typeof o === 'string' && Array.isArray(e) && e.some((x) => typeof x === 'string' && cidrWithin(o, x)),
};
