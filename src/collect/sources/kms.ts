// KMS keys: one paged list, DescribeKey each (ownership and state), the rotation status
// of customer managed, enabled symmetric keys only (AWS keys rotate by AWS), and the key
// policy of customer managed keys. The aliases (one paged list) let finish join resources
// that name a key by alias to the key.
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, ListAliasesCommand, ListKeysCommand, type ListAliasesCommandOutput, type ListKeysCommandOutput } from '@aws-sdk/client-kms';
import { arnOf } from '../arn.js';
import { decodePolicy } from '../policy-docs.js';
import type { Session, Target } from '../session.js';

const TYPE = 'AWS::KMS::Key';

export async function collectKms(s: Session, t: Target): Promise<void> {
  const keys: { id: string; arn: string }[] = [];
  const complete = await s.paginate(
    t,
    'kms',
    'ListKeys',
    [TYPE],
    (c, m) => c.send(new ListKeysCommand({ Limit: s.page(1000), ...(m ? { Marker: m } : {}) })),
    (p: ListKeysCommandOutput) => (p.Truncated ? p.NextMarker : undefined),
    (p) => void keys.push(...(p.Keys ?? []).flatMap((k) => (k.KeyId ? [{ id: k.KeyId, arn: k.KeyArn ?? arnOf('kms', t.region, t.accountId, `key/${k.KeyId}`) }] : []))),
  );
  if (complete) s.addCoverage(t, 'describe', [TYPE]);
  // A failed alias list leaves only the alias joins out ('kms-aliases'), not the keys.
  const aliasesOf = new Map<string, string[]>();
  const aliasesListed = await s.paginate(
    t,
    'kms',
    'ListAliases',
    ['kms-aliases'],
    (c, m) => c.send(new ListAliasesCommand({ Limit: s.page(100), ...(m ? { Marker: m } : {}) })),
    (p: ListAliasesCommandOutput) => (p.Truncated ? p.NextMarker : undefined),
    (p) => {
      for (const a of p.Aliases ?? []) {
        if (!a.AliasName || !a.TargetKeyId) continue;
        s.kmsAliases.set(arnOf('kms', t.region, t.accountId, a.AliasName), arnOf('kms', t.region, t.accountId, `key/${a.TargetKeyId}`));
        const list = aliasesOf.get(a.TargetKeyId);
        if (list) list.push(a.AliasName);
        else aliasesOf.set(a.TargetKeyId, [a.AliasName]);
      }
    },
  );
  await Promise.all(
    keys.map(async ({ id, arn }) => {
      const d = (await s.must(t, 'kms', 'DescribeKey', [TYPE], (c) => c.send(new DescribeKeyCommand({ KeyId: id })), arn))?.KeyMetadata;
      const config: Record<string, unknown> = {};
      // Aliases say 'AWS managed' (alias/aws/*) even when DescribeKey fails.
      if (aliasesListed) config.aliases = [...(aliasesOf.get(id) ?? [])].sort();
      if (d) {
        config.keyManager = d.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER';
        config.keyState = d.KeyState ?? '';
        if (s.wants(TYPE, 'GetKeyRotationStatus') && config.keyManager === 'CUSTOMER' && d.KeyState === 'Enabled' && (d.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT') {
          const rot = await s.must(t, 'kms', 'GetKeyRotationStatus', [TYPE], (c) => c.send(new GetKeyRotationStatusCommand({ KeyId: id })), arn);
          if (rot) config.rotationEnabled = Boolean(rot.KeyRotationEnabled);
        }
        // The key policy says who else may use the key (other environments' accounts and
        // roles). AWS managed keys' policies are AWS's own and admit only their service.
        if (s.wants(TYPE, 'GetKeyPolicy') && config.keyManager === 'CUSTOMER') {
          const pol = await s.must(t, 'kms', 'GetKeyPolicy', [TYPE], (c) => c.send(new GetKeyPolicyCommand({ KeyId: id, PolicyName: 'default' })), arn);
          const doc = decodePolicy(pol?.Policy);
          if (doc) config.policy = doc;
        }
      }
      s.upsert({ arn, accountId: t.accountId, region: t.region, type: TYPE, id, name: d?.Description || id, config });
    }),
  );
}
