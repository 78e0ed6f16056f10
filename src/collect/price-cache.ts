// The local price cache (inventory --price-cache FILE): the prices read before, each with
// the day it was read, in the shape of the snapshot's prices block. Entries younger than
// the maximum age are used instead of asking the Price List API again; they keep their
// own date, so the estimate's evidence says when each price was read.
import { Ajv } from 'ajv';
import { InputError } from '../model/diagnostics.js';
import { mergePrices, PRICE_LIST_API, type PriceEntry, type SnapshotPrices } from '../model/prices.js';
import { jsonErrorPosition } from '../util/json-error.js';
import { PRICES_SCHEMA } from './snapshot-schema.js';
import { locator, toDiagnostic } from './snapshot-io.js';

let validate: ReturnType<Ajv['compile']> | undefined;

/** The cache file's prices; InputError naming file, line and field when it is not one. */
export function parsePriceCache(text: string, file: string): SnapshotPrices {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const pos = jsonErrorPosition(text);
    throw new InputError(`${file} is not valid JSON`, [{ file, ...pos, path: '', code: 'invalid-json', message: (err as Error).message, expected: 'a price cache written by envgate inventory' }]);
  }
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(PRICES_SCHEMA);
  if (validate(data)) return data as SnapshotPrices;
  const locate = locator(text);
  throw new InputError(`${file} is not a valid envgate price cache`, (validate.errors ?? []).map((e) => toDiagnostic(e, file, locate)));
}

/** The day `days` before `now`, YYYY-MM-DD. */
function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Cached entries read within the last `maxAgeDays` days (0: today only). */
export function freshEntries(cache: SnapshotPrices | undefined, now: Date, maxAgeDays: number): PriceEntry[] {
  const oldest = daysBefore(now, maxAgeDays);
  return (cache?.entries ?? []).filter((e) => e.asOf >= oldest);
}

/** The cache to write back: every price known, the newest per combination; no missing list. */
export function nextCache(cache: SnapshotPrices | undefined, read: SnapshotPrices): SnapshotPrices {
  const merged = mergePrices([cache, read])!;
  return { source: PRICE_LIST_API, entries: merged.entries, missing: [] };
}
