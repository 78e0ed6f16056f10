// Chaos suite: the seeded violations account (one planted failure per rule category, and
// Cost Explorer spend for ceilings checked on actual spend) scanned through the fault proxy. Random faults with fixed seeds (30% throttling, 5% 5xx,
// 1% hung and 1% dropped connections), then AccessDenied on each service in turn. Every
// scan must end in bounded time, keep each failure of the clean scan as a failure or a
// not-evaluated result with its reason, and add no failure of its own.
// CI runs CHAOS_SEEDS seeds; ENVGATE_CHAOS_SCANS=20 runs more (see README, Testing).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { IAM_PREFIX } from '../../src/collect/operations.js';
import { DEFAULT_TIMEOUTS } from '../../src/collect/timeouts.js';
import type { LoadedSpec } from '../../src/model/spec.js';
import { loadSpec } from '../../src/spec/load.js';
import { CHAOS_TIMEOUTS, compareScans, scanThrough, type ScanOutcome } from '../helpers/chaos.js';
import type { Result } from '../../src/model/result.js';
import { chaos, configQueryDenied, denyService, startFaultProxy, throttleService, type FaultFn } from '../helpers/fault-proxy.js';
import { DEFAULT_ACCOUNT, startMoto, type Moto } from '../helpers/moto.js';
import { seedViolations, violationsSpec } from '../helpers/seed-violations.js';

const CHAOS_SEEDS = 3;
const SCANS = Number(process.env.ENVGATE_CHAOS_SCANS ?? CHAOS_SEEDS);
/** A scan's bound: every call ends by its deadline, and calls per scan are few (~100). */
const SCAN_BOUND_MS = 240_000;
const RATES = { throttle: 0.3, serverError: 0.05, hang: 0.01, drop: 0.01 };
/**
 * Every service a scan's collection calls (STS for each account's identity check). The
 * Price List API is not among them: only `inventory` reads prices, and never through an
 * emulator endpoint (its own faults are tested in test/collect/prices.http.test.ts).
 */
const SERVICES = Object.keys(IAM_PREFIX).filter((s) => s !== 'pricing');

/** The violations spec with both ceilings checked on actual spend, so collection calls Cost Explorer. */
function chaosSpec(): unknown {
  const s = violationsSpec(DEFAULT_ACCOUNT) as { environments: Record<string, { cost: Record<string, unknown> }> };
  for (const env of Object.values(s.environments)) env.cost.source = 'actual';
  return s;
}

/** Last month's spend by environment tag (production over its 1 USD ceiling, staging under 100,000). */
const SPEND = [
  {
    ResultsByTime: [
      {
        TimePeriod: { Start: '2025-12-01', End: '2026-01-01' },
        Groups: [
          { Keys: ['Environment$production'], Metrics: { UnblendedCost: { Amount: '812.35', Unit: 'USD' } } },
          { Keys: ['Environment$staging'], Metrics: { UnblendedCost: { Amount: '120', Unit: 'USD' } } },
        ],
        Estimated: false,
      },
    ],
    DimensionValueAttributes: [],
  },
];

const ceilings = (results: readonly Result[]) => Object.fromEntries(results.filter((r) => r.ruleId === 'cost-ceiling').map((r) => [r.resource.name, r]));

describe('chaos: scans through a fault proxy', () => {
  let moto: Moto;
  let dir: string;
  let spec: LoadedSpec;
  let clean: ScanOutcome;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await moto.seed(7);
    await seedViolations(moto, DEFAULT_ACCOUNT);
    // Moto answers every identical GetCostAndUsage request with the first queued result.
    await moto.queueCostAndUsage(SPEND, DEFAULT_ACCOUNT);
    dir = mkdtempSync(join(tmpdir(), 'envgate-chaos-'));
    writeFileSync(join(dir, 'envgate.yaml'), stringify(chaosSpec()));
    spec = loadSpec(join(dir, 'envgate.yaml'));
    clean = await scanThrough(moto.endpoint, spec, DEFAULT_TIMEOUTS);
  });
  afterAll(async () => {
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function through(fault: FaultFn): Promise<{ out: ScanOutcome; counts: Record<string, number> }> {
    const proxy = await startFaultProxy(moto.endpoint, fault);
    try {
      return { out: await scanThrough(proxy.endpoint, spec, CHAOS_TIMEOUTS), counts: proxy.counts };
    } finally {
      await proxy.stop();
    }
  }

  it('the clean scan is complete and has failures to keep', () => {
    expect(clean.errors).toEqual([]);
    expect(clean.results.filter((r) => r.status === 'fail').length).toBeGreaterThan(20);
    const c = ceilings(clean.results);
    expect([c.production?.status, c.production?.evidence.observed]).toEqual(['fail', { actualUsd: 812.35 }]);
    expect([c.staging?.status, c.staging?.evidence.observed]).toEqual(['pass', { actualUsd: 120 }]);
  });

  // Cost Explorer unreadable: each ceiling, failing or passing in the clean scan, is
  // not-evaluated naming the error; none passes, none is missing.
  for (const [name, fault] of [
    ['AccessDenied', denyService('ce')],
    ['throttling on every call', throttleService('ce')],
  ] as const) {
    it(`Cost Explorer ${name}: both ceilings are not-evaluated with the error as reason`, async () => {
      const { out, counts } = await through(fault);
      expect(out.ms).toBeLessThan(SCAN_BOUND_MS);
      expect(Object.values(counts).reduce((a, b) => a + b, 0), 'faults injected').toBeGreaterThan(0);
      expect(out.errors.map((e) => `${e.service}:${e.operation} ${e.affects.join(',')}`)).toEqual(['ce:GetCostAndUsage costs']);
      const c = ceilings(out.results);
      expect(Object.keys(c).sort()).toEqual(['production', 'staging']);
      for (const env of ['production', 'staging']) {
        expect(c[env]!.status, env).toBe('not-evaluated');
        expect(c[env]!.reason, env).toMatch(new RegExp(`^no Cost Explorer data: collection error ce:GetCostAndUsage \\S+ in ${DEFAULT_ACCOUNT}/global: `));
      }
    });
  }

  it('AWS Config records buckets but its query is denied: the describes read them, and every bucket result is the clean scan\'s', async () => {
    const { out } = await through(configQueryDenied());
    expect(out.ms).toBeLessThan(SCAN_BOUND_MS);
    expect(out.errors.map((e) => `${e.service}:${e.operation} ${e.code} ${e.region} ${e.affects.join(',')}`)).toEqual(['config:SelectResourceConfig AccessDeniedException us-east-1 config']);
    // Moto records nothing, so the clean scan read the buckets with the same describes.
    const buckets = (results: readonly Result[]) => results.filter((r) => r.resource.type.startsWith('AWS::S3::Bucket') || r.resource.arn.includes('AWS::S3::Bucket')).map((r) => `${r.ruleId} ${r.resource.arn} ${r.status}`).sort();
    expect(buckets(clean.results).length).toBeGreaterThan(10);
    expect(buckets(out.results)).toEqual(buckets(clean.results));
    expect(compareScans(clean.results, out.results)).toEqual({ lost: [], falseFailures: [] });
  });

  for (let seed = 1; seed <= SCANS; seed++) {
    it(`seed ${seed}: random throttling, 5xx, hangs and drops lose no failure and add none`, { timeout: SCAN_BOUND_MS + 60_000 }, async () => {
      const { out, counts } = await through(chaos({ seed, ...RATES }));
      expect(out.ms).toBeLessThan(SCAN_BOUND_MS);
      expect((counts.ThrottlingException ?? 0) + (counts.Throttling ?? 0) + (counts.SlowDown ?? 0), 'throttles injected').toBeGreaterThan(0);
      expect(compareScans(clean.results, out.results)).toEqual({ lost: [], falseFailures: [] });
    });
  }

  for (const service of SERVICES) {
    it(`AccessDenied on ${service}: every clean failure is kept or not-evaluated with the reason, none added`, async () => {
      const { out, counts } = await through(denyService(service));
      expect(out.ms).toBeLessThan(SCAN_BOUND_MS);
      expect(Object.values(counts).reduce((a, b) => a + b, 0), 'faults injected').toBeGreaterThan(0);
      expect(out.errors.every((e) => e.service === service)).toBe(true);
      expect(compareScans(clean.results, out.results)).toEqual({ lost: [], falseFailures: [] });
    });
  }
});
