// ASFF findings: the fields BatchImportFindings requires (AWS Security Hub API reference,
// AwsSecurityFinding: required AwsAccountId, CreatedAt, Description, GeneratorId, Id,
// ProductArn, Resources, SchemaVersion, Severity, Title, Types, UpdatedAt), their limits,
// and ids that stay the same from scan to scan.
import { describe, expect, it } from 'vitest';
import { asffFindings, asffResourceType, renderAsff } from '../../src/report/asff.js';
import { renderToString } from '../../src/report/formatter.js';
import { buildJsonReport } from '../../src/report/json.js';
import { formatterFor } from '../../src/report/registry.js';
import { result, sampleContext, sampleEvaluation } from './helpers.js';

const REQUIRED = ['AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'Resources', 'SchemaVersion', 'Severity', 'Title', 'Types', 'UpdatedAt'];

describe('ASFF report', () => {
  const report = buildJsonReport(sampleEvaluation(), sampleContext());

  it('has one finding per failing and not-evaluated result, with every required field', () => {
    const findings = asffFindings(report);
    expect(findings).toHaveLength(6);
    for (const f of findings) for (const k of REQUIRED) expect(f, k).toHaveProperty(k);
    const vpc = findings[0]!;
    expect(vpc).toMatchObject({
      SchemaVersion: '2018-10-08',
      Id: `envgate/demo/isolation-shared-vpc/${report.results[0]!.fingerprint}`,
      ProductArn: 'arn:aws:securityhub:eu-west-1:111111111111:product/111111111111/default',
      GeneratorId: 'envgate/isolation-shared-vpc',
      AwsAccountId: '111111111111',
      Region: 'eu-west-1',
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards/envgate-isolation'],
      Severity: { Label: 'CRITICAL', Original: 'critical' },
      Compliance: { Status: 'FAILED', RelatedRequirements: ['envgate demo /environments/*/network/vpcCidrs'] },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      Resources: [{ Type: 'AwsEc2Vpc', Id: 'arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0abc', Partition: 'aws', Region: 'eu-west-1' }],
    });
    expect(vpc.ProductFields['envgate/specLocation']).toBe('fixtures/demo/envgate.yaml:20:7');
    expect(vpc.ProductFields['envgate/scope']).toBe('envgate/demo/all');
    const statuses = findings.map((f) => `${f.Compliance.Status}/${f.Workflow.Status}`);
    expect(statuses.filter((s) => s === 'NOT_AVAILABLE/NEW')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'FAILED/SUPPRESSED')).toHaveLength(1);
  });

  it('files a global resource under the scan region and keeps ids across scans', () => {
    const s3 = asffFindings(report).find((f) => f.Resources[0]!.Id === 'arn:aws:s3:::staging-uploads')!;
    expect([s3.Region, s3.Resources[0]!.Type]).toEqual(['eu-west-1', 'AwsS3Bucket']);
    const later = buildJsonReport(sampleEvaluation(), sampleContext({ generatedAt: '2030-06-01T00:00:00.000Z' }));
    expect(asffFindings(later).map((f) => f.Id)).toEqual(asffFindings(report).map((f) => f.Id));
    expect(asffResourceType('AWS::Made::Up')).toBe('Other');
  });

  it('cuts text to the API limits', () => {
    const ev = sampleEvaluation();
    ev.results = [result({ ruleId: 'tagging-required', arn: 'arn:aws:s3:::x', message: 'm'.repeat(5000) })];
    ev.rules = ev.rules.map((r) => ({ ...r, title: 't'.repeat(300), remediation: 'r'.repeat(600) }));
    const [f] = asffFindings(buildJsonReport(ev, sampleContext()));
    expect([f!.Title.length, f!.Description.length, f!.Remediation!.Recommendation.Text.length]).toEqual([256, 1024, 512]);
    expect(f!.Description.endsWith('…')).toBe(true);
  });

  it('is written as a BatchImportFindings request body', () => {
    const text = renderToString(formatterFor('asff')!, sampleEvaluation(), sampleContext());
    expect(text).toBe(renderAsff(report));
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['Findings']);
  });
});
