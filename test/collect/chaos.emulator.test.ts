// Chaos suite: the seeded violations account (one planted failure per rule category)
// scanned through the fault proxy. Random faults with fixed seeds (30% throttling, 5% 5xx,
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
import { chaos, denyService, startFaultProxy, type FaultFn } from '../helpers/fault-proxy.js';
import { DEFAULT_ACCOUNT, startMoto, type Moto } from '../helpers/moto.js';
import { seedViolations, violationsSpec } from '../helpers/seed-violations.js';

const CHAOS_SEEDS = 3;
const SCANS = Number(process.env.ENVGATE_CHAOS_SCANS ?? CHAOS_SEEDS);
/** A scan's bound: every call ends by its deadline, and calls per scan are few (~100). */
const SCAN_BOUND_MS = 240_000;
const RATES = { throttle: 0.3, serverError: 0.05, hang: 0.01, drop: 0.01 };
/** Every service collection calls (STS is called only for accounts with a role). */
const SERVICES = Object.keys(IAM_PREFIX).filter((s) => s !== 'sts');

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
    dir = mkdtempSync(join(tmpdir(), 'envgate-chaos-'));
    writeFileSync(join(dir, 'envgate.yaml'), stringify(violationsSpec(DEFAULT_ACCOUNT)));
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
      if (service !== 'ce') {
        // Cost Explorer is called only for specs with actual-spend ceilings (none here).
        expect(Object.values(counts).reduce((a, b) => a + b, 0), 'faults injected').toBeGreaterThan(0);
        expect(out.errors.every((e) => e.service === service)).toBe(true);
      }
      expect(compareScans(clean.results, out.results)).toEqual({ lost: [], falseFailures: [] });
    });
  }
});
