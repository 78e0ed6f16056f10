// Live scan against the AWS emulator (moto): one account holding staging and production,
// seeded through the real SDK clients with a compliant baseline and one planted violation
// per rule category, each beside a compliant twin. `envgate scan --endpoint` must report
// every planted violation as a fail of the right rule and category on the planted
// resource, and must not fail the twin on that rule.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Category, Result } from '../../src/model/result.js';
import { loadRules } from '../../src/rules/load.js';
import { loadSpec } from '../../src/spec/load.js';
import { DEFAULT_ACCOUNT, startMoto, stubFakeAwsEnv, type Moto } from '../helpers/moto.js';
import { ROGUE_CIDR, seedViolations, STAGING_CIDR, VIOLATIONS_REGION, violationsSpec, type SeededViolations } from '../helpers/seed-violations.js';

const ACCOUNT = DEFAULT_ACCOUNT;

/**
 * One planted violation and its compliant twin per category. `planted`/`twin` are keys of
 * what the seed made, or literal ARNs for environment-level results (cost, parity).
 * `environment` narrows access-matrix results, which come one per (team, environment, principal).
 *
 * moto serves every call these rules need (what it cannot serve, SimulatePrincipalPolicy
 * and Config advanced queries, no rule here uses), so no category needed a substitute.
 * Encryption is planted on an SNS topic: one created without KmsMasterKeyId is
 * unencrypted in AWS and in moto alike, so the case does not depend on default SSE.
 */
interface Case {
  category: Category;
  rule: string;
  planted: string;
  twin: string;
  environment?: string;
}

const ENV_ARN = (e: string) => `arn:aws:envgate:::environment/${e}`;
const PARITY_ARN = (p: string) => `arn:aws:envgate:::parity/staging/production/${p}`;

const CASES: Case[] = [
  // Tagged production, named off the production queue convention.
  { category: 'naming', rule: 'naming-convention', planted: 'namingPlanted', twin: 'queueTwin' },
  // Production queue without the Owner tag the spec requires.
  { category: 'tagging', rule: 'required-tags', planted: 'taggingPlanted', twin: 'queueTwin' },
  // Production topic without a KMS key; production requires SNS encrypted at rest.
  { category: 'encryption', rule: 'encryption-at-rest', planted: 'encryptionPlanted', twin: 'encryptionTwin' },
  // Log group kept 7 days where its class needs 30.
  { category: 'retention', rule: 'log-retention', planted: 'retentionPlanted', twin: 'retentionTwin' },
  // Production bucket without versioning; another without a public access block.
  { category: 'data-protection', rule: 's3-versioning', planted: 'versioningPlanted', twin: 'bucketTwin' },
  { category: 'data-protection', rule: 's3-public-access-block', planted: 'publicAccessPlanted', twin: 'bucketTwin' },
  // Production VPC outside production's CIDR; a group open to the world on port 22.
  { category: 'network', rule: 'vpc-cidr', planted: 'vpcPlanted', twin: 'vpcTwin' },
  { category: 'network', rule: 'restricted-ingress', planted: 'ingressPlanted', twin: 'ingressTwin' },
  // Production queue no alarm watches.
  { category: 'monitoring', rule: 'alarms-present', planted: 'monitoringPlanted', twin: 'queueTwin' },
  // A production EKS cluster without the audit log production requires.
  { category: 'logging', rule: 'eks-control-plane-logging', planted: 'loggingPlanted', twin: 'loggingTwin' },
  // m5.large where production allows t3.micro.
  { category: 'compute', rule: 'allowed-instance-types', planted: 'computePlanted', twin: 'computeTwin' },
  // Production group admitting staging's VPC CIDR on 5432 (twin admits its own subnet).
  { category: 'isolation', rule: 'isolation-network-paths', planted: 'isolationPlanted', twin: 'isolationTwin' },
  // Developers hold s3:* (full) on production data where the matrix says read.
  { category: 'access', rule: 'access-matrix', planted: 'accessPlanted', twin: 'accessTwin', environment: 'production' },
  // A queue with no tag and no name any environment claims; one named staging, tagged production.
  { category: 'attribution', rule: 'attribution-missing', planted: 'attributionPlanted', twin: 'queueTwin' },
  { category: 'attribution', rule: 'attribution-conflict', planted: 'conflictPlanted', twin: 'queueTwin' },
  // Production's running instances and load balancer exceed its $1 ceiling; staging's $100,000 holds.
  { category: 'cost', rule: 'cost-ceiling', planted: ENV_ARN('production'), twin: ENV_ARN('staging') },
  // Staging has no load balancer, production has one; both watch their queues with alarms.
  { category: 'parity', rule: 'parity-architecture', planted: PARITY_ARN('loadBalancer'), twin: PARITY_ARN('alarms') },
];

describe('live scan finds a planted violation of every category', () => {
  let moto: Moto;
  let dir: string;
  let seeded: SeededViolations;
  let results: Result[];
  let code: number;
  let report: { summary: { complete: boolean }; run: { snapshot: { source: string }; collectionErrors: unknown[] }; results: Result[] };
  const arnOf = (k: string) => (k.startsWith('arn:') ? k : seeded.arn[k]!);
  const of = (rule: string, key: string, environment?: string) =>
    results.filter((r) => r.ruleId === rule && r.resource.arn === arnOf(key) && (environment === undefined || r.resource.environment === environment));
  const failOf = (rule: string, key: string, environment?: string) => {
    const found = of(rule, key, environment).filter((r) => r.status === 'fail');
    expect(found, `${rule} on ${key}`).toHaveLength(1);
    return found[0]!;
  };

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    seeded = await seedViolations(moto, ACCOUNT);
    dir = mkdtempSync(join(tmpdir(), 'envgate-live-violations-'));
    const specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(violationsSpec(ACCOUNT)));
    loadSpec(specFile); // throws InputError if the spec were invalid
    stubFakeAwsEnv(vi.stubEnv, VIOLATIONS_REGION);
    const out = join(dir, 'out');
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600' };
    code = await main(['scan', '--spec', specFile, '--endpoint', moto.endpoint, '--out', out, '--format', 'json', '--fail-on', 'none'], env, memoryOutput());
    report = JSON.parse(readFileSync(join(out, 'envgate.json'), 'utf8')) as typeof report;
    results = report.results;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plants a case for every category a built-in rule checks', () => {
    const ruleCategories = new Set(loadRules().map((r) => r.meta.category));
    expect(new Set(CASES.map((c) => c.category))).toEqual(ruleCategories);
    for (const c of CASES) expect(loadRules().find((r) => r.meta.id === c.rule)?.meta.category, c.rule).toBe(c.category);
  });

  // --fail-on none never gives 1. Everything this scan collects (S3, SQS, SNS, Logs, EC2,
  // ELBv2, KMS, CloudWatch, IAM, RDS, DynamoDB, ElastiCache, Route 53, Tagging) moto
  // serves, and Config without a recorder is "not set up", not an error: so the scan is
  // complete and the exit code is 0 (3 would mean a collection error left data missing).
  it('exits 0 with a complete live scan and nothing not-evaluated', () => {
    expect(report.run.snapshot.source).toBe('live');
    expect(report.run.collectionErrors).toEqual([]);
    expect(report.summary.complete).toBe(true);
    expect(results.filter((r) => r.status === 'not-evaluated')).toEqual([]);
    expect(code).toBe(EXIT.ok);
  });

  for (const c of CASES) {
    it(`${c.category}: ${c.rule} fails the planted ${c.planted} and passes its twin ${c.twin}`, () => {
      const fail = failOf(c.rule, c.planted, c.environment);
      expect(fail.category).toBe(c.category);
      const twin = of(c.rule, c.twin, c.environment);
      expect(twin.length, `${c.rule} evaluated the twin`).toBeGreaterThan(0);
      expect(twin.map((r) => r.status)).toEqual(twin.map(() => 'pass'));
    });
  }

  it('fails for the planted reason (evidence)', () => {
    expect(failOf('naming-convention', 'namingPlanted').evidence.observed).toBe('orders-production');
    expect(failOf('encryption-at-rest', 'encryptionPlanted').evidence.observed).toBe(false);
    expect(failOf('log-retention', 'retentionPlanted').evidence.observed).toEqual({ 'config.retentionDays': 7 });
    expect(failOf('s3-versioning', 'versioningPlanted').evidence.observed).toBe('Off');
    expect(failOf('vpc-cidr', 'vpcPlanted').evidence.observed).toEqual([ROGUE_CIDR]);
    expect(failOf('restricted-ingress', 'ingressPlanted').evidence.observed).toEqual([expect.objectContaining({ port: 22, cidrs: ['0.0.0.0/0'] })]);
    expect(failOf('alarms-present', 'monitoringPlanted').evidence.observed).toEqual([]);
    expect(failOf('allowed-instance-types', 'computePlanted').evidence.observed).toBe('m5.large');
    expect(failOf('attribution-conflict', 'conflictPlanted').evidence.environments).toEqual(['production', 'staging']);

    const iso = failOf('isolation-network-paths', 'isolationPlanted').evidence as { links: { path: string; environment: string; via: string }[] };
    expect(iso.links).toEqual([expect.objectContaining({ path: 'ingress-cidr', environment: 'staging', via: STAGING_CIDR })]);

    const access = failOf('access-matrix', 'accessPlanted', 'production').evidence as { observed: string; expected: string; grants: { principalArn: string; sid: string }[] };
    expect(access.observed).toBe('full');
    expect(access.expected).toBe('read');
    expect(access.grants).toEqual([expect.objectContaining({ principalArn: seeded.arn.accessPlanted, sid: 'ProdData' })]);

    const cost = failOf('cost-ceiling', ENV_ARN('production')).evidence as { observed: { estimateUsd: number }; topContributors: { resourceArn: string }[] };
    expect(cost.observed.estimateUsd).toBeGreaterThan(1);
    expect(cost.topContributors[0]!.resourceArn).toBe(seeded.arn.computePlanted); // m5.large is the largest line

    const parity = failOf('parity-architecture', PARITY_ARN('loadBalancer')).evidence as { differences: { causes: string[] }[] };
    expect(parity.differences.flatMap((d) => d.causes)).toEqual([seeded.arn.loadBalancer]);
  });
});
