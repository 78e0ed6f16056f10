// Scans the seeded violations account (seed-violations.ts) through a fault proxy and
// compares the results with a clean scan's: every clean failure must still be a failure,
// or be not-evaluated with a reason (its own result, or the coverage gap of its type in
// its account and region, or for a team's access its team: with IAM unreadable the
// team has no members to judge); and no failure may appear that the clean scan did not have.
import { collect } from '../../src/collect/index.js';
import type { Timeouts } from '../../src/collect/timeouts.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Result } from '../../src/model/result.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import type { LoadedSpec } from '../../src/model/spec.js';
import { loadRules } from '../../src/rules/load.js';

/** Short limits so a hung connection costs seconds: what a chaos run needs to end soon. */
export const CHAOS_TIMEOUTS: Timeouts = { connectMs: 2_000, attemptMs: 10_000, callMs: 60_000 };

export interface ScanOutcome {
  results: Result[];
  errors: CollectionError[];
  ms: number;
}

const fakeCredentials = async () => ({ accessKeyId: 'AKIAFAKEFAKEFAKE0000', secretAccessKey: 'fake' });
const NOW = new Date('2026-01-01T00:00:00Z');

export async function scanThrough(endpoint: string, spec: LoadedSpec, timeouts: Timeouts = CHAOS_TIMEOUTS): Promise<ScanOutcome> {
  const started = Date.now();
  const snapshot = await collect(spec.spec, { endpoint, now: NOW, timeouts, credentials: fakeCredentials });
  const { results } = evaluate({ spec: spec, snapshot, rules: loadRules(), now: NOW });
  return { results, errors: snapshot.errors, ms: Date.now() - started };
}

export interface Comparison {
  /** Clean failures that are neither failing nor not-evaluated with a reason now. */
  lost: string[];
  /** Failures now that the clean scan did not have. */
  falseFailures: string[];
}

const label = (r: Result) => `${r.ruleId} ${r.resource.arn}${r.status === 'not-evaluated' ? '' : ` (${r.status})`}`;

export function compareScans(clean: readonly Result[], faulty: readonly Result[]): Comparison {
  const cleanFails = new Set(clean.filter((r) => r.status === 'fail').map((r) => r.fingerprint));
  const now = new Map<string, Result>();
  for (const r of faulty) now.set(r.fingerprint, r);
  const gaps = new Set(
    faulty
      .filter((r) => r.status === 'not-evaluated' && r.reason && (r.resource.arn.includes(':coverage/') || r.resource.arn.startsWith('envgate:team/')))
      .map((r) => `${r.ruleId} ${r.resource.arn}`),
  );
  const lost: string[] = [];
  for (const r of clean) {
    if (r.status !== 'fail') continue;
    const n = now.get(r.fingerprint);
    if (n?.status === 'fail' || (n?.status === 'not-evaluated' && n.reason)) continue;
    const gap = `${r.ruleId} arn:aws:envgate:${r.resource.region}:${r.resource.accountId}:coverage/${r.resource.type}`;
    if (gaps.has(gap)) continue;
    const team = (r.evidence as { team?: unknown }).team;
    if (typeof team === 'string' && gaps.has(`${r.ruleId} envgate:team/${team}`)) continue;
    lost.push(n ? `${label(r)} is now ${n.status}` : `${label(r)} vanished`);
  }
  const falseFailures = faulty.filter((r) => r.status === 'fail' && !cleanFails.has(r.fingerprint)).map(label);
  return { lost: lost.sort(), falseFailures: falseFailures.sort() };
}
