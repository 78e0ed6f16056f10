// AWS Security Finding Format (ASFF, schema 2018-10-08) for AWS Security Hub: one finding
// per failing (waived ones SUPPRESSED) or not-evaluated result, with an Id stable across
// scans (system, rule and fingerprint), so a re-import updates the finding in place.
// Built from the JSON report, so `envgate publish` can send a saved report the same way.
import type { Result, RuleMeta, Severity } from '../model/result.js';
import { cmp, type ReportContext } from './context.js';
import { concernedEnvironment } from './derived.js';
import type { Formatter } from './formatter.js';
import { buildJsonReport, type JsonReport } from './json.js';

export const ASFF_SCHEMA_VERSION = '2018-10-08';
/** Field limits of BatchImportFindings (AWS Security Hub API reference, AwsSecurityFinding). */
export const ASFF_LIMITS = { title: 256, description: 1024, recommendation: 512, productFieldValue: 2048 } as const;

export type ComplianceStatus = 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE';
export type WorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';

/** The ASFF fields envgate writes (a subset of the SDK's AwsSecurityFinding). */
export interface AsffFinding {
  SchemaVersion: string;
  Id: string;
  ProductArn: string;
  ProductName: string;
  CompanyName: string;
  GeneratorId: string;
  AwsAccountId: string;
  Region: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  Severity: { Label: string; Original: string };
  Title: string;
  Description: string;
  Remediation?: { Recommendation: { Text: string; Url?: string } };
  SourceUrl?: string;
  ProductFields: Record<string, string>;
  Resources: { Type: string; Id: string; Partition: string; Region: string; Details?: { Other: Record<string, string> } }[];
  Compliance: { Status: ComplianceStatus; RelatedRequirements?: string[] };
  Workflow: { Status: WorkflowStatus };
  RecordState: 'ACTIVE' | 'ARCHIVED';
}

const LABEL: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFORMATIONAL' };

/** ASFF resource types for the CloudFormation types envgate knows; every other is `Other`. */
const RESOURCE_TYPE: Record<string, string> = {
  'AWS::ApiGateway::RestApi': 'AwsApiGatewayRestApi',
  'AWS::ApiGatewayV2::Api': 'AwsApiGatewayV2Api',
  'AWS::AutoScaling::AutoScalingGroup': 'AwsAutoScalingAutoScalingGroup',
  'AWS::Backup::BackupPlan': 'AwsBackupBackupPlan',
  'AWS::Backup::BackupVault': 'AwsBackupBackupVault',
  'AWS::CertificateManager::Certificate': 'AwsCertificateManagerCertificate',
  'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution',
  'AWS::CloudWatch::Alarm': 'AwsCloudWatchAlarm',
  'AWS::CodeBuild::Project': 'AwsCodeBuildProject',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::EC2::EIP': 'AwsEc2Eip',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::EC2::LaunchTemplate': 'AwsEc2LaunchTemplate',
  'AWS::EC2::NetworkAcl': 'AwsEc2NetworkAcl',
  'AWS::EC2::NetworkInterface': 'AwsEc2NetworkInterface',
  'AWS::EC2::RouteTable': 'AwsEc2RouteTable',
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::Subnet': 'AwsEc2Subnet',
  'AWS::EC2::TransitGateway': 'AwsEc2TransitGateway',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::VPC': 'AwsEc2Vpc',
  'AWS::EC2::VPCPeeringConnection': 'AwsEc2VpcPeeringConnection',
  'AWS::EC2::VPNConnection': 'AwsEc2VpnConnection',
  'AWS::ECR::Repository': 'AwsEcrRepository',
  'AWS::ECS::Cluster': 'AwsEcsCluster',
  'AWS::ECS::Service': 'AwsEcsService',
  'AWS::ECS::TaskDefinition': 'AwsEcsTaskDefinition',
  'AWS::EFS::AccessPoint': 'AwsEfsAccessPoint',
  'AWS::EKS::Cluster': 'AwsEksCluster',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'AwsElbLoadBalancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'AwsElbv2LoadBalancer',
  'AWS::Events::EventBus': 'AwsEventsEventbus',
  'AWS::IAM::Group': 'AwsIamGroup',
  'AWS::IAM::ManagedPolicy': 'AwsIamPolicy',
  'AWS::IAM::Role': 'AwsIamRole',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::Kinesis::Stream': 'AwsKinesisStream',
  'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::Lambda::LayerVersion': 'AwsLambdaLayerVersion',
  'AWS::MSK::Cluster': 'AwsMskCluster',
  'AWS::OpenSearchService::Domain': 'AwsOpenSearchServiceDomain',
  'AWS::RDS::DBCluster': 'AwsRdsDbCluster',
  'AWS::RDS::DBClusterSnapshot': 'AwsRdsDbClusterSnapshot',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::RDS::DBSnapshot': 'AwsRdsDbSnapshot',
  'AWS::RDS::EventSubscription': 'AwsRdsEventSubscription',
  'AWS::Redshift::Cluster': 'AwsRedshiftCluster',
  'AWS::Route53::HostedZone': 'AwsRoute53HostedZone',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::SecretsManager::Secret': 'AwsSecretsManagerSecret',
  'AWS::SNS::Topic': 'AwsSnsTopic',
  'AWS::SQS::Queue': 'AwsSqsQueue',
  'AWS::StepFunctions::StateMachine': 'AwsStepFunctionStateMachine',
};

export function asffResourceType(cfnType: string): string {
  return RESOURCE_TYPE[cfnType] ?? 'Other';
}

/** The Security Hub finding id of a result: the same resource and rule keep it, scan after scan. */
export function asffId(system: string, ruleId: string, fingerprint: string): string {
  return `envgate/${system}/${ruleId}/${fingerprint}`;
}

/** The region a finding is filed under: the resource's, else (global resources) the scan's first. */
export function homeRegion(resourceRegion: string, report: Pick<JsonReport, 'run'>): string {
  if (resourceRegion !== '' && resourceRegion !== 'global') return resourceRegion;
  return [...report.run.regions].sort(cmp)[0] ?? 'us-east-1';
}

export function productArn(region: string, accountId: string): string {
  return `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

/** The scope a finding belongs to (ProductFields `envgate/scope`): publish resolves only within it. */
export const SCOPE_FIELD = 'envgate/scope';
export const SYSTEM_FIELD = 'envgate/system';

export function asffFinding(r: Result & { waived?: boolean }, rule: RuleMeta | undefined, report: JsonReport): AsffFinding {
  const region = homeRegion(r.resource.region, report);
  const partition = r.resource.arn.split(':')[1] || 'aws';
  const system = report.run.spec.system;
  const loc = r.specLocation;
  const env = concernedEnvironment(r);
  const fields: Record<string, string> = {
    'envgate/ruleId': r.ruleId,
    'envgate/category': r.category,
    [SYSTEM_FIELD]: system,
    [SCOPE_FIELD]: report.run.category,
    'envgate/status': r.status,
    'envgate/fingerprint': r.fingerprint,
    ...(env !== null ? { 'envgate/environment': env } : {}),
    ...(r.environments.length > 0 ? { 'envgate/environments': r.environments.join(' ') } : {}),
    ...(loc ? { 'envgate/specLocation': `${loc.file}:${loc.line}:${loc.column}` } : {}),
    ...(r.reason !== undefined ? { 'envgate/reason': cut(r.reason, ASFF_LIMITS.productFieldValue) } : {}),
    ...(r.waiver ? { 'envgate/waiver': cut(`${r.waiver.owner} until ${r.waiver.expires}: ${r.waiver.reason}`, ASFF_LIMITS.productFieldValue) } : {}),
  };
  const other: Record<string, string> = { cloudFormationType: r.resource.type, name: r.resource.name, ...(env !== null ? { environment: env } : {}) };
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: asffId(system, r.ruleId, r.fingerprint),
    ProductArn: productArn(region, r.resource.accountId),
    ProductName: 'envgate',
    CompanyName: 'envgate',
    GeneratorId: `envgate/${r.ruleId}`,
    AwsAccountId: r.resource.accountId,
    Region: region,
    Types: [`Software and Configuration Checks/Industry and Regulatory Standards/envgate-${r.category}`],
    CreatedAt: report.run.generatedAt,
    UpdatedAt: report.run.generatedAt,
    Severity: { Label: LABEL[r.severity], Original: r.severity },
    Title: cut(rule?.title ?? r.ruleId, ASFF_LIMITS.title),
    Description: cut(r.message, ASFF_LIMITS.description),
    ...(rule ? { Remediation: { Recommendation: { Text: cut(rule.remediation, ASFF_LIMITS.recommendation), ...(rule.docs ? { Url: rule.docs } : {}) } } } : {}),
    ...(rule?.docs ? { SourceUrl: rule.docs } : {}),
    ProductFields: fields,
    Resources: [{ Type: asffResourceType(r.resource.type), Id: r.resource.arn, Partition: partition, Region: region, Details: { Other: other } }],
    Compliance: {
      Status: r.status === 'fail' ? 'FAILED' : r.status === 'pass' ? 'PASSED' : 'NOT_AVAILABLE',
      ...(loc ? { RelatedRequirements: [`envgate ${system} ${loc.path}`] } : {}),
    },
    Workflow: { Status: r.status === 'pass' ? 'RESOLVED' : r.waiver ? 'SUPPRESSED' : 'NEW' },
    RecordState: 'ACTIVE',
  };
}

/** Findings of the failing and not-evaluated results, in report order. */
export function asffFindings(report: JsonReport): AsffFinding[] {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  return report.results.filter((r) => r.status !== 'pass').map((r) => asffFinding(r, rules.get(r.ruleId), report));
}

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function renderAsff(report: JsonReport): string {
  return `${JSON.stringify({ Findings: asffFindings(report) }, null, 2)}\n`;
}

export const asffFormatter: Formatter = {
  name: 'asff',
  aliases: [],
  fileName: 'envgate.asff.json',
  mediaType: 'application/json',
  summary: 'AWS Security Finding Format for Security Hub: failing and not-evaluated results, ids stable across scans (see `envgate publish`)',
  byDefault: false,
  write: (evaluation, ctx: ReportContext, sink) => sink.write(renderAsff(buildJsonReport(evaluation, ctx))),
};
