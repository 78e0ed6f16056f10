// Cost Explorer: last full calendar month's unblended cost, grouped by the environment
// tag, when the spec asks for actual spend. Cost Explorer's endpoint is us-east-1.
import { GetCostAndUsageCommand, type GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import type { Session, Target } from '../session.js';

const day = (d: Date) => d.toISOString().slice(0, 10);

export function lastFullMonth(now: Date): { start: string; end: string } {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
  return { start: day(start), end: day(end) };
}

export async function collectCosts(s: Session, t: Target, tagKey: string, now: Date): Promise<void> {
  const { start, end } = lastFullMonth(now);
  const ok = await s.paginate(
    t,
    'ce',
    'GetCostAndUsage',
    ['costs'],
    (c, token) =>
      c.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: start, End: end },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
          GroupBy: [{ Type: 'TAG', Key: tagKey }],
          ...(token ? { NextPageToken: token } : {}),
        }),
      ),
    (p: GetCostAndUsageCommandOutput) => p.NextPageToken,
    (p) => {
      for (const period of p.ResultsByTime ?? []) {
        for (const g of period.Groups ?? []) {
          // Keys come as "<tagKey>$<value>"; an empty value means untagged spend.
          const raw = g.Keys?.[0] ?? '';
          const tagValue = raw.includes('$') ? raw.slice(raw.indexOf('$') + 1) : raw;
          const amount = Number(g.Metrics?.UnblendedCost?.Amount ?? 0);
          s.costs.push({
            accountId: t.accountId,
            tagKey,
            tagValue,
            periodStart: period.TimePeriod?.Start ?? start,
            periodEnd: period.TimePeriod?.End ?? end,
            amountUsd: Math.round(amount * 100) / 100,
          });
        }
      }
    },
  );
  if (ok) s.addCoverage(t, 'cost-explorer', ['costs']);
}
