// Evaluation.attribution (arn -> environment), built only when read.
import type { Evaluation } from '../model/result.js';
import type { AttributionRecord } from './context.js';
import { cmp } from './results.js';
/**
 * Evaluation.attribution as an enumerable property built on first read and then kept:
 * a record of a million ARN keys costs seconds (each key is internalised) and no report
 * reads it, so evaluate() does not pay for it unless someone looks. Same value, same JSON.
 */
export function lazyAttributionTable(evaluation: Evaluation, attribution: ReadonlyMap<string, AttributionRecord>): void {
  let table: Record<string, string | null> | undefined;
  Object.defineProperty(evaluation, 'attribution', {
    enumerable: true,
    configurable: true,
    get: () => (table ??= attributionTable(attribution)),
    set: (v: Record<string, string | null>) => void (table = v),
  });
}

function attributionTable(attribution: ReadonlyMap<string, AttributionRecord>): Record<string, string | null> {
  const entries = [...attribution];
  const out: Record<string, string | null> = {};
  for (const [k, rec] of sortedByKey(entries)) out[k] = rec.environment;
  return out;
}

/**
 * Entries in key order. The attribution map holds the (sorted) resources, then the
 * (sorted) principals: two ascending runs are merged in linear time instead of sorting
 * a million ARNs; anything else is sorted. Keys are unique, so the order is the same.
 */
function sortedByKey<V>(entries: [string, V][]): [string, V][] {
  let d = 1;
  while (d < entries.length && entries[d - 1]![0] < entries[d]![0]) d++;
  if (d >= entries.length) return entries;
  let e = d + 1;
  while (e < entries.length && entries[e - 1]![0] < entries[e]![0]) e++;
  if (e < entries.length) return entries.sort((a, b) => cmp(a[0], b[0]));
  const out = new Array<[string, V]>(entries.length);
  let i = 0;
  let j = d;
  let o = 0;
  while (i < d && j < entries.length) out[o++] = entries[i]![0] < entries[j]![0] ? entries[i++]! : entries[j++]!;
  while (i < d) out[o++] = entries[i++]!;
  while (j < entries.length) out[o++] = entries[j++]!;
  return out;
}
