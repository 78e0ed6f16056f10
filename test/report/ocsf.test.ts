// OCSF output against the official OCSF 1.8.0 schema files, which live beside the
// repository in ../shared/schemas/ocsf-1.8.0 (from a git worktree, beside an ancestor:
// the nearest one is used). A missing folder fails, never skips.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderSystemReports, SYSTEMS } from '../../reports/regenerate.js';
import { renderToString } from '../../src/report/formatter.js';
import { ocsfFormatter } from '../../src/report/ocsf.js';
import { OcsfSchema } from './ocsf-validator.js';
import { sampleContext, sampleEvaluation } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ROOT = ancestors(REPO).map((d) => path.join(d, 'shared/schemas/ocsf-1.8.0')).find((d) => existsSync(d)) ?? path.join(REPO, '../shared/schemas/ocsf-1.8.0');

function ancestors(dir: string): string[] {
  const parent = path.dirname(path.resolve(dir));
  return parent === path.resolve(dir) ? [] : [parent, ...ancestors(parent)];
}
let schema: OcsfSchema | undefined;
const ocsf = () => (schema ??= new OcsfSchema(ROOT));
const lines = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('OCSF schema files', () => {
  it('are the 1.8.0 release, with the Compliance Finding class (uid 3 in findings)', () => {
    expect(ocsf().version).toBe('1.8.0');
    const cls = ocsf().eventClass('compliance_finding');
    expect([cls.uid, cls.category]).toEqual([3, 'findings']);
    expect(cls.attributes.compliance?.requirement).toBe('required');
    expect(cls.attributes.finding_info?.requirement).toBe('required'); // from finding
    expect(cls.attributes.metadata?.requirement).toBe('required'); // from base_event
  });

  it('the validator catches missing, unknown, mistyped and out-of-enum attributes', () => {
    const [good] = lines(renderToString(ocsfFormatter, sampleEvaluation(), sampleContext()));
    expect(ocsf().validateEvent(good, 'compliance_finding')).toEqual([]);
    const bad = structuredClone(good)!;
    delete bad.compliance;
    bad.severity_id = 7;
    bad.time = '2025-01-01';
    bad.finding_info.colour = 'red';
    bad.resources[0].uid = 42;
    bad.metadata.profiles = [];
    bad.severity = 'Loud';
    expect(ocsf().validateEvent(bad, 'compliance_finding').sort()).toEqual([
      '$.cloud: not an attribute here (needs profile cloud)',
      '$.compliance: required attribute missing',
      '$.finding_info.colour: not an attribute here',
      '$.resources[0].region: not an attribute here (needs profile cloud)',
      '$.resources[0].uid: 42 is not a resource_uid_t',
      '$.severity_id: 7 is not in the enum (0, 1, 2, 3, 4, 5, 6, 99)',
      '$.time: "2025-01-01" is not a timestamp_t',
    ]);
  });
});

describe('OCSF report', () => {
  it('has one event per failing and not-evaluated result, in report order', () => {
    const events = lines(renderToString(ocsfFormatter, sampleEvaluation(), sampleContext()));
    expect(events).toHaveLength(6);
    const first = events[0]!;
    expect([first.class_uid, first.category_uid, first.type_uid, first.activity_id]).toEqual([2003, 2, 200301, 1]);
    expect([first.severity_id, first.severity]).toEqual([5, 'Critical']);
    expect(first.resources[0].uid).toBe('arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0abc');
    expect(first.compliance).toMatchObject({ control: 'isolation-shared-vpc', status_id: 3, status: 'Fail', requirements: ['fixtures/demo/envgate.yaml:20:7 /environments/*/network/vpcCidrs'] });
    expect(first.remediation.desc).toBe('Fix isolation-shared-vpc in the console or IaC.');
    expect(first.evidences[0].data).toEqual({ observed: 'x', expected: 'y', environments: ['staging', 'production'] });
    expect(first.cloud).toEqual({ provider: 'AWS', region: 'eu-west-1', account: { uid: '111111111111', type_id: 10, type: 'AWS Account' } });
    const ne = events.find((e) => e.compliance.status_id === 2)!;
    expect(ne.compliance).toMatchObject({ status: 'Warning', status_detail: 'logs:DescribeLogGroups failed: AccessDenied' });
    const waived = events.find((e) => e.resources[0].uid === 'arn:aws:s3:::staging-waived')!;
    expect([waived.status_id, waived.status, waived.unmapped.waiver.owner]).toEqual([3, 'Suppressed', 'team-a']);
    for (const e of events) expect(ocsf().validateEvent(e, 'compliance_finding')).toEqual([]);
  });

  for (const system of SYSTEMS) {
    it(`${system}: every event validates against OCSF 1.8.0 compliance_finding`, async () => {
      const files = await renderSystemReports(system);
      const events = lines(files.get(`reports/${system}/envgate.ocsf.jsonl`)!);
      const json = JSON.parse(files.get(`reports/${system}/envgate.json`)!) as { results: { status: string }[] };
      expect(events).toHaveLength(json.results.filter((r) => r.status !== 'pass').length);
      const errors = events.flatMap((e, i) => ocsf().validateEvent(e, 'compliance_finding').map((m) => `event ${i}: ${m}`));
      expect(errors).toEqual([]);
    });
  }
});
