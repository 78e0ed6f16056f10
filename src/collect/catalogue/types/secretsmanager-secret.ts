// Secrets Manager secrets: ListSecrets carries the key, rotation and dates of each
// secret; GetResourcePolicy each gives its resource policy (no batch form). Tags come from
// the Tagging API.
import type { GetResourcePolicyCommandOutput, ListSecretsCommandOutput, SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { any, bool, encryption, int, obj, str } from '../../../model/config-schemas.js';
import { decodePolicy } from '../../policy-docs.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { kmsEncryption } from '../refs.js';

const TYPE = 'AWS::SecretsManager::Secret';

/** Days between rotations from the rotation rules: AutomaticallyAfterDays or a `rate(N days|hours)` schedule; a cron schedule gives none. */
export function rotationIntervalDays(rules: { AutomaticallyAfterDays?: number; ScheduleExpression?: string } | undefined): number | undefined {
  if (rules?.AutomaticallyAfterDays !== undefined) return rules.AutomaticallyAfterDays;
  const rate = /^rate\((\d+) (day|days|hour|hours)\)$/.exec(rules?.ScheduleExpression?.trim() ?? '');
  if (!rate) return undefined;
  const n = Number(rate[1]);
  return rate[2]!.startsWith('day') ? n : Math.ceil(n / 24);
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

const collection: GenericCollection<ListSecretsCommandOutput, SecretListEntry> = {
  list: {
    operation: 'ListSecrets',
    request: (token, page) => ({ MaxResults: page(100), ...(token ? { NextToken: token } : {}) }),
    next: (p) => p.NextToken,
    items: (p) => (p.SecretList ?? []).filter((s) => s.ARN !== undefined && s.DeletedDate === undefined),
  },
  hydrate: [{ operation: 'GetResourcePolicy', request: (s) => ({ SecretId: s.ARN }) }],
  arn: (s) => s.ARN!,
  toPart: (s, [answer], t) => {
    // No KmsKeyId: the account's AWS managed key aws/secretsmanager.
    const enc = kmsEncryption(s.KmsKeyId ?? 'alias/aws/secretsmanager', t);
    const interval = rotationIntervalDays(s.RotationRules);
    const config: Record<string, unknown> = {
      encryption: enc,
      rotationEnabled: s.RotationEnabled === true,
      ...(interval !== undefined ? { rotationIntervalDays: interval } : {}),
      ...(s.RotationRules?.ScheduleExpression ? { rotationSchedule: s.RotationRules.ScheduleExpression } : {}),
      ...(s.LastRotatedDate ? { lastRotated: iso(s.LastRotatedDate) } : {}),
      ...(s.CreatedDate ? { created: iso(s.CreatedDate) } : {}),
    };
    // A made call with no document means no policy (null); an unmade call leaves it absent.
    if (answer !== undefined) config.policy = decodePolicy((answer as GetResourcePolicyCommandOutput).ResourcePolicy) ?? null;
    const id = s.ARN!.split(':secret:')[1] ?? s.ARN!;
    return {
      arn: s.ARN!,
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id,
      name: s.Name ?? id,
      config,
      relations: enc.kmsKeyArn ? [{ kind: 'kms-key', target: enc.kmsKeyArn }] : [],
    };
  },
};

export const secretsmanagerSecret: ResourceDescriptor = {
  type: TYPE,
  service: 'secretsmanager',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'secretsmanager', head: 'secret' },
  relations: ['kms-key'],
  config: obj({ encryption, rotationEnabled: bool, rotationIntervalDays: int, rotationSchedule: str, lastRotated: str, created: str, policy: any }),
  calls: [
    { operation: 'ListSecrets', per: 'list', pageMax: 100, feeds: ['encryption', 'rotationEnabled', 'rotationIntervalDays', 'rotationSchedule', 'lastRotated', 'created'], relations: ['kms-key'] },
    { operation: 'GetResourcePolicy', per: 'resource', feeds: ['policy'] },
  ],
  collect: { generic: collection },
};
