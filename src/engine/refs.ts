// Dotted paths into resources and spec values, split once at compile time.
import type { Resource } from '../model/snapshot.js';
import type { Spec } from '../model/spec.js';

/** `tags.<key>` keeps the key whole (tag keys may contain dots). */
export function splitPath(path: string): string[] {
  if (path === '' || path === '.') return [];
  if (path.startsWith('tags.')) return ['tags', path.slice(5)];
  return path.split('.');
}

/** Walks `segments`; a null on the way yields null (collected, empty), a gap undefined. */
export function walk(value: unknown, segments: readonly string[]): unknown {
  let v = value;
  for (const s of segments) {
    if (v === null) return null;
    if (v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

/** Spec value for an environment (`env`) or the root (`env` = null), cached per env. */
export class SpecValues {
  private readonly cache = new Map<string, unknown>();
  constructor(private readonly spec: Spec) {}

  env(env: string, segments: readonly string[], cacheKey: string): unknown {
    const k = `${env}\u0000${cacheKey}`;
    if (this.cache.has(k)) return this.cache.get(k);
    const v = walk(this.spec.environments[env], segments);
    this.cache.set(k, v);
    return v;
  }

  root(segments: readonly string[], cacheKey: string): unknown {
    const k = `\u0001${cacheKey}`;
    if (this.cache.has(k)) return this.cache.get(k);
    const v = walk(this.spec, segments);
    this.cache.set(k, v);
    return v;
  }
}

export function resourceValue(r: Resource, segments: readonly string[]): unknown {
  return walk(r, segments);
}
