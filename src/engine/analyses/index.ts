// The explicit registry of analyses that rule files invoke by name (`analysis: {name}`).
// One import and one entry per analysis; nothing registers itself by being imported.
import type { Analysis } from '../context.js';
import { accessMatrixAnalysis } from './access-matrix.js';
import { attributionConflictAnalysis, attributionMissingAnalysis } from './attribution.js';
import { costCeiling } from './cost-ceiling.js';
import { costShare } from './cost-share.js';
import { instanceCountAnalysis, loadBalancerPresenceAnalysis } from './environment-counts.js';
import { availabilityZoneCountAnalysis, requiredResourceTypesAnalysis } from './environment-presence.js';
import { certificateDomainsAnalysis } from './certificate-domains.js';
import { defaultVpcUseAnalysis, openIngressAnalysis, vpcCidrOverlapAnalysis } from './network.js';
import { s3LifecycleAnalysis } from './s3-lifecycle.js';
import { snapshotAgeAnalysis } from './snapshot-age.js';
import { backupPlanCoverageAnalysis } from './backup-plan-coverage.js';
import { allowedIngressAnalysis, bastionSshAnalysis } from './ingress-sources.js';
import { isolationAnalysis } from './isolation.js';
import { parity } from './parity.js';
import { privateSubnetsAnalysis } from './private-subnets.js';
import { resourcePolicyPublicAnalysis } from './resource-policy-public.js';
import { certificateExpiryAnalysis, secretRotationAnalysis } from './time-limits.js';
import { trailPerEnvironmentAnalysis } from './audit-trails.js';
import { dashboardsPresentAnalysis, dnsRecordsPresentAnalysis } from './operations-presence.js';

export const ANALYSES: Readonly<Record<string, Analysis<never>>> = {
  [attributionConflictAnalysis.name]: attributionConflictAnalysis as Analysis<never>,
  [attributionMissingAnalysis.name]: attributionMissingAnalysis as Analysis<never>,
  [s3LifecycleAnalysis.name]: s3LifecycleAnalysis as Analysis<never>,
  [openIngressAnalysis.name]: openIngressAnalysis as Analysis<never>,
  [defaultVpcUseAnalysis.name]: defaultVpcUseAnalysis as Analysis<never>,
  [vpcCidrOverlapAnalysis.name]: vpcCidrOverlapAnalysis as Analysis<never>,
  [privateSubnetsAnalysis.name]: privateSubnetsAnalysis as Analysis<never>,
  [bastionSshAnalysis.name]: bastionSshAnalysis as Analysis<never>,
  [allowedIngressAnalysis.name]: allowedIngressAnalysis as Analysis<never>,
  [availabilityZoneCountAnalysis.name]: availabilityZoneCountAnalysis as Analysis<never>,
  [requiredResourceTypesAnalysis.name]: requiredResourceTypesAnalysis as Analysis<never>,
  [certificateDomainsAnalysis.name]: certificateDomainsAnalysis as Analysis<never>,
  [instanceCountAnalysis.name]: instanceCountAnalysis as Analysis<never>,
  [loadBalancerPresenceAnalysis.name]: loadBalancerPresenceAnalysis as Analysis<never>,
  [isolationAnalysis.name]: isolationAnalysis as Analysis<never>,
  [accessMatrixAnalysis.name]: accessMatrixAnalysis as Analysis<never>,
  [costCeiling.name]: costCeiling as Analysis<never>,
  [costShare.name]: costShare as Analysis<never>,
  [parity.name]: parity as Analysis<never>,
  [resourcePolicyPublicAnalysis.name]: resourcePolicyPublicAnalysis as Analysis<never>,
  [secretRotationAnalysis.name]: secretRotationAnalysis as Analysis<never>,
  [certificateExpiryAnalysis.name]: certificateExpiryAnalysis as Analysis<never>,
  [snapshotAgeAnalysis.name]: snapshotAgeAnalysis as Analysis<never>,
  [backupPlanCoverageAnalysis.name]: backupPlanCoverageAnalysis as Analysis<never>,
  [trailPerEnvironmentAnalysis.name]: trailPerEnvironmentAnalysis as Analysis<never>,
  [dashboardsPresentAnalysis.name]: dashboardsPresentAnalysis as Analysis<never>,
  [dnsRecordsPresentAnalysis.name]: dnsRecordsPresentAnalysis as Analysis<never>,
};
