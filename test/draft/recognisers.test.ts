import { describe, expect, it } from 'vitest';
import { access } from '../../src/draft/recognisers/access.js';
import { accounts } from '../../src/draft/recognisers/accounts.js';
import { backups } from '../../src/draft/recognisers/backups.js';
import { certificates } from '../../src/draft/recognisers/certificates.js';
import { compute } from '../../src/draft/recognisers/compute.js';
import { cost } from '../../src/draft/recognisers/cost.js';
import { dataProtection } from '../../src/draft/recognisers/data-protection.js';
import { encryption } from '../../src/draft/recognisers/encryption.js';
import { environments } from '../../src/draft/recognisers/environments.js';
import { loadBalancer } from '../../src/draft/recognisers/load-balancer.js';
import { naming } from '../../src/draft/recognisers/naming.js';
import { network } from '../../src/draft/recognisers/network.js';
import { parity } from '../../src/draft/recognisers/parity.js';
import { retention } from '../../src/draft/recognisers/retention.js';
import { schedules } from '../../src/draft/recognisers/schedules.js';
import { shared } from '../../src/draft/recognisers/shared.js';
import { RECOGNISERS } from '../../src/draft/recognisers/index.js';
import { factsOf } from './helpers.js';

describe('draft recognisers', () => {
  it('registers every kind once', () => {
    expect(RECOGNISERS.map((r) => r.kind)).toEqual([
      'environments', 'accounts-regions', 'naming', 'network', 'encryption', 'retention', 'data-protection',
      'compute', 'schedules', 'load-balancer', 'backups', 'certificates', 'cost', 'shared', 'access', 'parity',
    ]);
  });

  it('environments: aliases the document uses', async () => {
    const md = '- **Development (DEV)**: shared dev environment\n- **Staging (STG)**: tests\n';
    expect(await factsOf(environments, md)).toEqual([
      ['development', 'aliases', 'dev', 1],
      ['staging', 'aliases', 'stg', 2],
    ]);
  });

  it('environments: an alias as a segment of a name in that environment\'s lines, not in another\'s', async () => {
    const md = '### Production Environment\n```yaml\nDatabase: shop-prod (Appwrite)\n```\n- npm run db:verify:prod\n\n### Staging Environment\n- Endpoint: dev.example.com\n';
    expect(await factsOf(environments, md)).toEqual([
      ['production', 'aliases', 'prod', 3],
      ['production', 'aliases', 'prod', 5],
    ]);
  });

  it('accounts and regions: from ARNs and region names', async () => {
    const md = '### Staging Environment\n```hcl\nalarm_actions = ["arn:aws:sns:us-west-2:123456789012:staging-alerts"]\n```\n';
    expect(await factsOf(accounts, md)).toEqual([
      ['staging', 'accounts', { id: '123456789012' }, 3],
      ['staging', 'regions', 'us-west-2', 3],
      ['staging', 'regions', 'us-west-2', 3],
    ]);
  });

  it('compute: "Multiple AZ deployment" naming no kind covers the Multi-AZ kinds its environment names', async () => {
    const md = '### Production Environment\n- Multiple AZ deployment\n- Network: Multi-AZ VPC\n- RDS PostgreSQL\n- ElastiCache: Redis cluster\n\n### Staging Environment\n- Multi-AZ deployment\n';
    expect(await factsOf(compute, md)).toEqual([
      ['production', 'dataProtection/multiAz', 'AWS::RDS::DBInstance', 2],
      ['production', 'dataProtection/multiAz', 'AWS::ElastiCache::CacheCluster', 2],
    ]);
  });

  it('network: HCL blocks split per environment comment (a VPC range of its own: no default VPC), and the VPC row of a table', async () => {
    const md = [
      '```hcl', '# Staging Network', 'vpc_cidr = "10.1.0.0/16"', '', '# Production Network', 'vpc_cidr = "10.0.0.0/16"',
      'availability_zones = ["us-west-2a"]', '```', '', '| Resource | Staging | Production |', '|---|---|---|', '| **VPC** | `10.1.0.0/16` | `10.0.0.0/16` |', '',
      '### Staging Environment', '- Network: Custom VPC', '',
    ].join('\n');
    expect(await factsOf(network, md)).toEqual([
      ['staging', 'network/vpcCidrs', '10.1.0.0/16', 3],
      ['staging', 'network/forbidDefaultVpc', true, 3],
      ['production', 'network/vpcCidrs', '10.0.0.0/16', 6],
      ['production', 'network/forbidDefaultVpc', true, 6],
      ['production', 'network/availabilityZones', 'us-west-2a', 7],
      ['staging', 'network/vpcCidrs', '10.1.0.0/16', 12],
      ['production', 'network/vpcCidrs', '10.0.0.0/16', 12],
      ['staging', 'network/forbidDefaultVpc', true, 15],
    ]);
  });

  it('compute: types and counts from HCL, prose and YAML', async () => {
    const md = [
      '### Development Environment', '- Single EC2 t3.micro instance', '', '### Production Environment', '```yaml', 'Compute:',
      '  - EC2: t3.medium x2 (Auto Scaling)', '  - RDS: db.t3.small PostgreSQL (Multi-AZ)', '```', '', '### Staging Environment', '```hcl',
      'instance_type = "t2.micro"', 'instance_count = 2', '```', '',
    ].join('\n');
    expect(await factsOf(compute, md)).toEqual([
      ['staging', 'compute/instanceTypes', 't2.micro', 13],
      ['staging', 'compute/instanceCount/min', 2, 14],
      ['staging', 'compute/instanceCount/max', 2, 14],
      ['development', 'compute/instanceTypes', 't3.micro', 2],
      ['development', 'compute/instanceCount/min', 1, 2],
      ['development', 'compute/instanceCount/max', 1, 2],
      ['production', 'compute/instanceTypes', 't3.medium', 7],
      ['production', 'compute/instanceCount/min', 2, 7],
      ['production', 'compute/dbInstanceClasses', 'db.t3.small', 8],
      ['production', 'dataProtection/multiAz', 'AWS::RDS::DBInstance', 8],
    ]);
  });

  it('compute: "High availability" with no count given is at least two instances; a given count wins; databases are Multi-AZ', async () => {
    const md = [
      '**Production**:', '- High-availability setup', '- Auto-scaling enabled', '',
      '### Staging Environment', '- Ensure high availability, performance, and security.', '```hcl', 'instance_count = 3', '```', '',
      '### Development Environment', '- High availability for the RDS database', '',
    ].join('\n');
    expect(await factsOf(compute, md)).toEqual([
      ['staging', 'compute/instanceCount/min', 3, 8],
      ['staging', 'compute/instanceCount/max', 3, 8],
      ['production', 'compute/instanceCount/min', 2, 2],
    ]);
  });

  it('load balancers: enable_load_balancer and "no load balancer needed"', async () => {
    const md = '### Staging Environment\n```hcl\nenable_load_balancer = true\n```\n\n### Development Environment\n- No load balancer needed\n';
    expect(await factsOf(loadBalancer, md)).toEqual([
      ['staging', 'compute/loadBalancer', 'required', 3],
      ['development', 'compute/loadBalancer', 'optional', 7],
    ]);
  });

  it('encryption: HCL switches, encrypted kinds, in transit; at rest without a kind is unmapped', async () => {
    const md = 'Encrypted at rest.\n\n### Production Environment\n```hcl\nenable_sqs_encryption = true\n```\n\n- RDS encrypted\n- SSL termination\n';
    expect(await factsOf(encryption, md)).toEqual([
      ['production', 'encryption/atRest', 'AWS::SQS::Queue', 5],
      ['production', 'encryption/atRest', 'AWS::RDS::DBInstance', 8],
      ['production', 'encryption/inTransit/httpsListeners', true, 9],
    ]);
    const doc = await (await import('../../src/draft/markdown.js')).parseDocumentText('doc.md', md);
    expect(encryption.recognise([doc], ['production']).unmapped?.map((u) => u.line)).toEqual([1]);
  });

  it('encryption at rest naming no kind: "all" data is every kind, else the kinds its environment names', async () => {
    const all = '- Use encryption for all sensitive data at rest and in transit.\n';
    expect(await factsOf(encryption, all)).toEqual([
      ['*', 'encryption/inTransit/httpsListeners', true, 1],
      ['*', 'encryption/inTransit/s3TlsOnly', true, 1],
      ['*', 'encryption/inTransit/databases', true, 1],
      ['*', 'encryption/inTransit/elasticacheTls', true, 1],
      ...['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::Logs::LogGroup', 'AWS::EC2::Volume', 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DynamoDB::Table', 'AWS::ElastiCache::CacheCluster']
        .map((t) => ['*', 'encryption/atRest', t, 1]),
    ]);
    // "all" that is not all data is no kind: unmapped.
    const doc = await (await import('../../src/draft/markdown.js')).parseDocumentText('doc.md', '- Encrypt all backups at rest\n');
    expect(encryption.recognise([doc], ['production'])).toEqual({
      facts: [],
      unmapped: [{ doc: 'doc.md', line: 1, text: '- Encrypt all backups at rest', reason: 'encryption at rest without a resource kind: the spec lists the types that must be encrypted' }],
    });
    // "higher volume" is traffic and "predictable" is no table: neither names a kind.
    const scoped = '### Production Environment\n- Storage: 100GB GP3 + EBS snapshots\n- RDS: db.t3.small\n- SQS: higher volume\n- Reserved instances for predictable workloads\n\n### Production Data\n- Encrypted at rest\n';
    expect(await factsOf(encryption, scoped)).toEqual([
      ['production', 'encryption/atRest', 'AWS::EC2::Volume', 8],
      ['production', 'encryption/atRest', 'AWS::RDS::DBInstance', 8],
      ['production', 'encryption/atRest', 'AWS::SQS::Queue', 8],
    ]);
  });

  it('retention: log retention days, lifecycle transitions, backend expiration', async () => {
    const md = [
      '### Staging Environment', '```hcl', 'sqs_log_retention_days = 7', 's3_lifecycle_transitions = [', '  { days = 7, storage_class = "GLACIER" },', ']',
      'terraform {', '  backend "s3" {', '    bucket = "state-staging"', '    lifecycle_rule = {', '      expiration_days = 90', '    }', '  }', '}', '```', '',
    ].join('\n');
    expect(await factsOf(retention, md)).toEqual([
      ['staging', 'retention/logGroups', { class: 'sqs', match: ['*sqs*'], days: 7 }, 3],
      ['staging', 'retention/s3Lifecycle', { buckets: ['@naming:AWS::S3::Bucket'], transitions: [{ days: 7, storageClass: 'GLACIER' }] }, 4],
      ['staging', 'retention/s3Lifecycle', { buckets: ['state-staging'], transitions: [], expirationDays: 90 }, 10],
    ]);
  });

  it('data protection and alarms: versioning, access logging, alarms and their topic', async () => {
    const md = '### Staging Environment\n```hcl\ns3_versioning_enabled = true\nenable_s3_access_logging = true\nenable_sqs_cloudwatch_alarms = true\nsqs_cloudwatch_alarm_actions = ["arn:aws:sns:us-west-2:123456789012:staging-alerts"]\n```\n';
    expect(await factsOf(dataProtection, md)).toEqual([
      ['staging', 'dataProtection/versioning', '*', 3],
      ['staging', 'dataProtection/accessLogging', 'AWS::S3::Bucket', 4],
      ['staging', 'monitoring/alarms', 'AWS::SQS::Queue', 5],
      ['staging', 'monitoring/alarmActions', 'arn:aws:sns:us-west-2:123456789012:staging-alerts', 6],
      ['staging', 'naming/AWS::SNS::Topic', 'staging-alerts', 6],
      ['staging', 'attribution/namesByType/AWS::SNS::Topic', 'staging-alerts', 6],
    ]);
  });

  it('backups: daily database snapshots; weekly and file backups are unmapped', async () => {
    const md = '### Backup Strategy\n\n1. **Database Backups**\n   ```yaml\n   Staging: Daily snapshots (30 days retention)\n   Production:\n     - Weekly full backups (1 year retention)\n   ```\n';
    expect(await factsOf(backups, md)).toEqual([['staging', 'retention/backups', { type: 'AWS::RDS::DBInstance', days: 30 }, 5]]);
  });

  it('backups: "RDS with backups" gives no period: backups on (1 day), unless a period is given', async () => {
    const md = [
      '### Staging Environment', '- RDS with backups', '', '### Production Environment', '- RDS with backups', '- Full backup strategy', '',
      '### Backup Strategy', '1. **Database Backups**', '   ```yaml', '   Production: Daily snapshots (14 days retention)', '   ```', '',
    ].join('\n');
    expect(await factsOf(backups, md)).toEqual([
      ['production', 'retention/backups', { type: 'AWS::RDS::DBInstance', days: 14 }, 11],
      ['staging', 'retention/backups', { type: 'AWS::RDS::DBInstance', days: 1 }, 2],
    ]);
  });

  it('access: a Role | DEV | STG | PROD table, team headings and JSON policies', async () => {
    const md = [
      '| Role | DEV | PROD |', '|---|---|---|', '| QA Team | Read Only | No Access |', '', '#### Staging Access (Ops Team)', '```hcl',
      '# IAM policy', '{"Statement": [{"Effect": "Allow", "Action": ["ec2:Describe*", "s3:GetObject"]}]}', '```', '',
    ].join('\n');
    expect(await factsOf(access, md)).toEqual([
      ['', 'teams/qa-team/title', 'QA Team', 3],
      ['', 'access/matrix/qa-team/development', 'read', 3],
      ['', 'teams/qa-team/title', 'QA Team', 3],
      ['', 'access/matrix/qa-team/production', 'none', 3],
      ['', 'teams/ops-team/title', 'Ops Team', 7],
      ['', 'access/matrix/ops-team/staging', 'read', 7],
    ]);
  });

  it('access: a Tool | Purpose row that deploys to an environment is a team with deploy there', async () => {
    const md = '| **Tool** | **Purpose** |\n|---|---|\n| Jenkins CI/CD | Automates deployment to staging. |\n| Postman | Validates APIs in a staging environment. |\n';
    expect(await factsOf(access, md)).toEqual([
      ['', 'teams/jenkins-ci-cd/title', 'Jenkins CI/CD', 3],
      ['', 'access/matrix/jenkins-ci-cd/staging', 'deploy', 3],
    ]);
  });

  it('cost: estimated costs, ranges (upper bound) and a Cost row', async () => {
    const md = '**Estimated Staging Costs: ~$25/month**\n- EC2 t2.micro (2x): ~$0/month\n\n| Aspect | Development | Production |\n|---|---|---|\n| **Cost** | ~$10/month | ~$200-400/month |\n';
    expect(await factsOf(cost, md)).toEqual([
      ['staging', 'cost/monthlyCeilingUsd', 25, 1],
      ['development', 'cost/monthlyCeilingUsd', 10, 6],
      ['production', 'cost/monthlyCeilingUsd', 400, 6],
    ]);
  });

  it('cost: a share of the total under an environment heading, not a dollar amount', async () => {
    const md = '**Development**:\n- Shared resources\n- Cost: ~10% of total\n\n**Production**:\n- Cost: 70 % of the total\n- Cost: ~$5/month\n';
    expect(await factsOf(cost, md)).toEqual([
      ['development', 'costShare/percent', 10, 3],
      ['production', 'costShare/percent', 70, 6],
      ['production', 'cost/monthlyCeilingUsd', 5, 7],
    ]);
  });

  it('naming: pattern cells per type, also attribution; a pattern for several types attributes any type', async () => {
    const md = '| Resource Type | Staging | Production |\n|---|---|---|\n| **S3 Buckets** | `app-staging-*` | `app-production-*` |\n| **SQS Queues** | `app-staging-*` | `q-production-*` |\n';
    expect(await factsOf(naming, md)).toEqual([
      ['staging', 'naming/AWS::S3::Bucket', 'app-staging-*', 3],
      ['staging', 'attribution/names', 'app-staging-*', 3],
      ['production', 'naming/AWS::S3::Bucket', 'app-production-*', 3],
      ['production', 'attribution/namesByType/AWS::S3::Bucket', 'app-production-*', 3],
      ['staging', 'naming/AWS::SQS::Queue', 'app-staging-*', 4],
      ['staging', 'attribution/names', 'app-staging-*', 4],
      ['production', 'naming/AWS::SQS::Queue', 'q-production-*', 4],
      ['production', 'attribution/namesByType/AWS::SQS::Queue', 'q-production-*', 4],
    ]);
  });

  it('shared: a Shared column naming a resource; None is not shared', async () => {
    const md = '| Resource Type | Staging | Production | Shared |\n|---|---|---|---|\n| **VPC** | a | b | None |\n| **Route53 Hosted Zone** | - | - | yes `example.com` |\n';
    expect(await factsOf(shared, md)).toEqual([
      ['', 'shared', { type: 'AWS::Route53::HostedZone', name: 'example.com', reason: 'doc.md:4: Route53 Hosted Zone shared' }, 4],
    ]);
  });

  it('parity: same-as statements, HCL comments and production-identical', async () => {
    const md = [
      '### Staging Environment', '- Same encryption as production', '- Load balancer (if prod has one)', '```hcl', 'enable_sqs_cloudwatch_alarms = true # Same monitoring as production', '```', '',
      '### Development Environment', '- Production-identical configuration', '',
    ].join('\n');
    expect(await factsOf(parity, md)).toEqual([
      ['', 'parity/staging/production', 'encryption', 2],
      ['', 'parity/staging/production', 'loadBalancer', 3],
      ...['encryption', 'versioning', 'accessLogging', 'alarms', 'loadBalancer', 'resourceKinds', 'lifecyclePolicy', 'multiAz'].map(
        (p) => ['', 'parity/development/production', p, 9] as [string, string, unknown, number],
      ),
      ['', 'parity/staging/production', 'alarms', 5],
    ]);
  });

  it('parity: "Production-like sizing" is the instance types; "Production-like configuration" names no property', async () => {
    const md = '### Staging Environment\n- Production-like sizing\n- Production-like configuration\n\n### Development Environment\n- Right-sizing based on metrics\n';
    expect(await factsOf(parity, md)).toEqual([['', 'parity/staging/production', 'instanceTypes', 2]]);
  });

  it('parity: a "Parity:" list names its properties; "Architectural Parity" is also the resource kinds', async () => {
    const md = '### Staging Environment\n- **Architectural Parity**: Load balancer, encryption, monitoring, IAM structure\n- **Network Parity**: Multi-AZ\n';
    expect(await factsOf(parity, md)).toEqual([
      ['', 'parity/staging/production', 'encryption', 2],
      ['', 'parity/staging/production', 'alarms', 2],
      ['', 'parity/staging/production', 'loadBalancer', 2],
      ['', 'parity/staging/production', 'resourceKinds', 2],
      ['', 'parity/staging/production', 'multiAz', 3],
    ]);
  });

  it('encryption in transit: TLS for the databases and caches the line, "all data" or its environment names', async () => {
    // The line names the database only.
    expect(await factsOf(encryption, '### Production Environment\n- RDS: connections in transit over TLS\n')).toEqual([
      ['production', 'encryption/inTransit/httpsListeners', true, 2],
      ['production', 'encryption/inTransit/s3TlsOnly', true, 2],
      ['production', 'encryption/inTransit/databases', true, 2],
    ]);
    // No kind on the line: the kinds its environment's lines name (here the cache, not a database).
    const scoped = '### Production Environment\n- ElastiCache: cache.t3.micro\n\n### Production Data\n- Encryption at rest/transit\n';
    expect(await factsOf(encryption, scoped)).toEqual([
      ['production', 'encryption/inTransit/httpsListeners', true, 5],
      ['production', 'encryption/inTransit/s3TlsOnly', true, 5],
      ['production', 'encryption/inTransit/elasticacheTls', true, 5],
      ['production', 'encryption/atRest', 'AWS::ElastiCache::CacheCluster', 5],
    ]);
  });

  it('schedules: business hours and off-hours shutdown are uptime schedules; schedule-based scaling is the groups only', async () => {
    const md = [
      '### Development Environment', 'Uptime: Business hours only', '- Shut down during off-hours', '',
      '### Staging Environment', '- Schedule-based scaling', '',
      '### Production Environment', '- Auto-scaling for variable loads', '',
      '## Cost', '- Auto-shutdown after hours', '',
      '| | Development | Staging |', '|---|---|---|', '| **Uptime** | Business hours | 24/7 during testing |', '',
    ].join('\n');
    expect(await factsOf(schedules, md)).toEqual([
      ['development', 'compute/scheduleRequired', true, 2],
      ['development', 'autoScaling/scheduleRequired', true, 2],
      ['development', 'compute/scheduleRequired', true, 3],
      ['development', 'autoScaling/scheduleRequired', true, 3],
      ['staging', 'autoScaling/scheduleRequired', true, 6],
      // Line 12 names no environment (stopping production after hours is no reading) and
      // staging's "24/7" is no schedule.
      ['development', 'compute/scheduleRequired', true, 16],
      ['development', 'autoScaling/scheduleRequired', true, 16],
    ]);
  });

  it('certificates: a domain on a certificate line; "same" certificate takes the domains of the others', async () => {
    const md = [
      '### SSL', '- **Production**: `*.example.com` wildcard certificate', '- **Staging**: Uses same wildcard certificate (cost-effective)',
      '- **Validation**: Separate certificate validation per environment', '',
      '### Staging Environment', '- See docker-compose.staging.yml for the certificate', '',
    ].join('\n');
    expect(await factsOf(certificates, md)).toEqual([
      ['production', 'certificates/domains', '*.example.com', 2],
      ['staging', 'certificates/domains', '*.example.com', 3],
    ]);
  });

  it('context: a numbered bold label ("1. **Development Cost Controls**") scopes the list below it', async () => {
    const md = '## Cost Management\n\n1. **Development Cost Controls**\n   - Auto-shutdown after hours\n\n2. **Staging Optimization**\n   - Schedule-based scaling\n';
    expect(await factsOf(schedules, md)).toEqual([
      ['development', 'compute/scheduleRequired', true, 4],
      ['development', 'autoScaling/scheduleRequired', true, 4],
      ['staging', 'autoScaling/scheduleRequired', true, 7],
    ]);
  });

  it('context: a "### Production Data" heading or a **Staging**: label scopes the lines below; a link is not HTTPS', async () => {
    const md = '### **Production Data**\n- Encryption at rest/transit\n\n### Links\n- [Guide](https://example.com/)\n';
    expect(await factsOf(encryption, md)).toEqual([
      ['production', 'encryption/inTransit/httpsListeners', true, 2],
      ['production', 'encryption/inTransit/s3TlsOnly', true, 2],
    ]);
  });

  it('shared: a hosted zone takes its id from hosted_zone_name / route53_zone_id beside it', async () => {
    const md = [
      '| Resource Type | Staging | Shared |', '|---|---|---|', '| **Route53 Hosted Zone** | - | `example.com` |', '', '#### Staging DNS', '```hcl',
      'hosted_zone_name = "example.com"', 'route53_zone_id = "Z123"', '```', '',
    ].join('\n');
    expect(await factsOf(shared, md)).toEqual([
      ['', 'shared', { type: 'AWS::Route53::HostedZone', name: 'example.com', arn: 'arn:aws:route53:::hostedzone/Z123', reason: 'doc.md:3: Route53 Hosted Zone shared; zone id doc.md:8' }, 3],
    ]);
  });
});
