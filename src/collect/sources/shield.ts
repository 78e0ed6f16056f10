// Shield Advanced (catalogue/types/shield-protection.ts): whether the account subscribes,
// then its protections. Shield answers in us-east-1 whatever the scan's home region.
import { DescribeSubscriptionCommand, ListProtectionsCommand, type ListProtectionsCommandOutput, type Protection } from '@aws-sdk/client-shield';
import { PROTECTION } from '../catalogue/types/shield-protection.js';
import type { Session, Target } from '../session.js';

/** DescribeSubscription's answer for an account that never subscribed (or whose subscription ended). */
export const NO_SUBSCRIPTION = 'ResourceNotFoundException';

export async function collectShield(s: Session, global: Target): Promise<void> {
  const t: Target = { ...global, endpointRegion: 'us-east-1' };
  const sub = await s.call(t, 'shield', 'DescribeSubscription', [PROTECTION], (c) => c.send(new DescribeSubscriptionCommand({})), { quiet: [NO_SUBSCRIPTION] });
  if (sub === undefined) return; // denied or failed: recorded, the type stays incomplete
  if ('absent' in sub) {
    // No subscription, so no protections: a complete, empty listing.
    s.addCoverage(global, 'describe', [PROTECTION]);
    return;
  }
  const protections: Protection[] = [];
  const complete = await s.paginate(
    t,
    'shield',
    'ListProtections',
    [PROTECTION],
    (c, token) => c.send(new ListProtectionsCommand({ MaxResults: s.page(100), ...(token ? { NextToken: token } : {}) })),
    (p: ListProtectionsCommandOutput) => p.NextToken,
    (p) => void protections.push(...(p.Protections ?? []).filter((x) => x.Id && x.ResourceArn)),
  );
  if (complete) s.addCoverage(global, 'describe', [PROTECTION]);
  for (const p of protections) {
    const arn = p.ProtectionArn ?? `arn:aws:shield::${global.accountId}:protection/${p.Id}`;
    s.upsert({
      arn,
      accountId: global.accountId,
      region: 'global',
      type: PROTECTION,
      id: p.Id!,
      name: p.Name ?? p.Id!,
      config: { protectedArn: p.ResourceArn!, healthCheckIds: [...(p.HealthCheckIds ?? [])].sort() },
      relations: [{ kind: 'protects', target: p.ResourceArn! }],
    });
  }
}
