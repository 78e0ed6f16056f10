// A scan of a snapshot that holds Price List API prices equal to the bundled ones gives
// the same report as the snapshot without them; only each cost line's price origin (and
// the dates in priceTable) differ. The 3mtt-chatbot fixture is in us-east-1 and has
// EC2, RDS and ElastiCache resources.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { priceKeysOf } from '../../src/collect/prices.js';
import { PRICE_TABLES } from '../../src/engine/analyses/price-table.js';
import type { PriceEntry } from '../../src/model/prices.js';
import type { Snapshot } from '../../src/model/snapshot.js';

const FIXTURE = 'fixtures/3mtt-chatbot';
const ENV = { SOURCE_DATE_EPOCH: '1735689600' };
const dir = mkdtempSync(path.join(tmpdir(), 'envgate-scan-prices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bundled us-east-1 price of a combination, as the API would answer it. */
function bundledPrice(k: Omit<PriceEntry, 'usdPerHour' | 'asOf'>): number {
  const t = PRICE_TABLES.get(k.region)!;
  if (k.service === 'ec2') return t.ec2.hourly[k.item]!;
  if (k.service === 'rds') return t.rds.hourly[t.rds.engineAliases[k.engine!] ?? k.engine!]![k.item]!;
  return t.elasticache.hourly[k.item]!;
}

type Report = { costs: { breakdown: { price?: { source: string } }[]; priceTable: { asOf: string } }[]; results: { ruleId: string; evidence: Record<string, unknown> }[] };

async function scanReport(snapshotFile: string, out: string): Promise<Report> {
  const code = await main(['scan', '--spec', `${FIXTURE}/envgate.yaml`, '--snapshot', snapshotFile, '--format', 'json', '--out', out], ENV, memoryOutput());
  expect(code).toBe(EXIT.findings);
  return JSON.parse(readFileSync(path.join(out, 'envgate.json'), 'utf8')) as Report;
}

/** The report without the origin of prices and the snapshot's file name. */
function withoutOrigins(text: string): string {
  return text
    .replace(/,\s*"price": \{[^}]*\}/g, '')
    .replace(/"asOf": "[^"]*"/g, '"asOf": ""')
    .replace(/"file": "[^"]*snapshot[^"]*\.json"/, '"file": ""');
}

describe('scan with Price List API prices equal to the bundled ones', () => {
  it('gives the same report but for the price origins', async () => {
    const snap = JSON.parse(readFileSync(`${FIXTURE}/snapshot.json`, 'utf8')) as Snapshot;
    const keys = priceKeysOf(snap.resources);
    expect(new Set(keys.map((k) => k.service))).toEqual(new Set(['ec2', 'rds', 'elasticache']));
    const withPrices: Snapshot = {
      ...snap,
      prices: { source: 'aws-price-list-api', entries: keys.map((k) => ({ ...k, usdPerHour: bundledPrice(k), asOf: '2026-11-30' })), missing: [] },
    };
    const file = path.join(dir, 'snapshot-prices.json');
    writeFileSync(file, JSON.stringify(withPrices));

    const bundled = await scanReport(`${FIXTURE}/snapshot.json`, path.join(dir, 'a'));
    const live = await scanReport(file, path.join(dir, 'b'));
    const textA = readFileSync(path.join(dir, 'a', 'envgate.json'), 'utf8');
    const textB = readFileSync(path.join(dir, 'b', 'envgate.json'), 'utf8');
    expect(textB).not.toBe(textA);
    expect(withoutOrigins(textB)).toBe(withoutOrigins(textA));

    const sources = (r: Report) => [...new Set(r.costs.flatMap((c) => c.breakdown.map((l) => l.price?.source)))].sort();
    expect(sources(bundled)).toEqual(['bundled']);
    expect(sources(live)).toEqual(['aws-price-list-api', 'bundled']);
    expect([...new Set(live.costs.map((c) => c.priceTable.asOf))].sort()).toEqual(['2025-01-01,2026-11-30']);
  });
});
