// The explicit list of describe sources: which resource types each inventories and
// whether it runs per region or once per account. Types the catalogue collects itself
// (a GenericCollection in their descriptor) get one source each; the others name a source
// with code of its own here. Config may serve a source's types.
import { CATALOGUE, typesOfSource } from '../catalogue/index.js';
import type { GenericCollection, ResourceDescriptor } from '../catalogue/descriptor.js';
import type { Session, Target } from '../session.js';
import { collectIam } from './iam.js';
import { collectS3 } from './s3.js';
import { collectTagging } from './tagging.js';
import { collectAlarms } from './cloudwatch.js';
import { collectRds } from './databases.js';
import { collectEc2 } from './ec2.js';
import { collectElbv2, collectTargetGroups } from './elbv2.js';
import { collectEc2Network } from './ec2-network.js';
import { collectKms } from './kms.js';
import { genericSource } from './generic.js';
import { collectWafv2 } from './wafv2.js';
import { collectShield } from './shield.js';
import { collectBackupPlans } from './backup.js';
import { collectEcs } from './ecs.js';
import { collectRecordSets } from './route53.js';
import { collectLogDeliveries } from './log-deliveries.js';
import { collectApiGateway } from './apigateway.js';

export interface SourceDef {
  name: string;
  /** Resource types this source inventories (empty for tags-only sources). */
  types: string[];
  run(s: Session, t: Target): Promise<void>;
}

/** Sources with code of their own, by the name descriptors give in `collect.source`. */
const CODED: Record<string, { scope: 'regional' | 'global'; run: SourceDef['run'] }> = {
  iam: { scope: 'global', run: collectIam },
  'route53-records': { scope: 'global', run: collectRecordSets },
  s3: { scope: 'regional', run: collectS3 },
  ec2: { scope: 'regional', run: collectEc2 },
  'ec2-network': { scope: 'regional', run: collectEc2Network },
  rds: { scope: 'regional', run: collectRds },
  elbv2: { scope: 'regional', run: collectElbv2 },
  'elbv2-target-groups': { scope: 'regional', run: collectTargetGroups },
  kms: { scope: 'regional', run: collectKms },
  cloudwatch: { scope: 'regional', run: collectAlarms },
  wafv2: { scope: 'regional', run: collectWafv2 },
  shield: { scope: 'global', run: collectShield },
  'log-deliveries': { scope: 'regional', run: collectLogDeliveries },
  backup: { scope: 'regional', run: collectBackupPlans },
  ecs: { scope: 'regional', run: collectEcs },
  apigateway: { scope: 'regional', run: collectApiGateway },
};

type Generic = ResourceDescriptor & { collect: { generic: GenericCollection<unknown, unknown> } };
const isGeneric = (d: ResourceDescriptor): d is Generic => 'generic' in d.collect;

/** A generic type's source is named after its service, or the type when a service has several. */
function genericSources(scope: 'regional' | 'global'): SourceDef[] {
  return CATALOGUE.filter((d): d is Generic => isGeneric(d) && d.scope === scope).map((d) => ({ name: d.service, types: [d.type], run: genericSource(d) }));
}

function codedSources(scope: 'regional' | 'global'): SourceDef[] {
  return Object.entries(CODED)
    .filter(([, c]) => c.scope === scope)
    .map(([name, c]) => ({ name, types: typesOfSource(name), run: c.run }));
}

export const GLOBAL_SOURCES: readonly SourceDef[] = [...codedSources('global'), ...genericSources('global')];

export const REGIONAL_SOURCES: readonly SourceDef[] = [{ name: 'tagging', types: [], run: collectTagging }, ...codedSources('regional'), ...genericSources('regional')];
