// Resource Groups Tagging API: every tagged resource's ARN and tags, 100 a page, paced
// at the documented 15 requests/s. Never-tagged resources are found by the describes.
import { GetResourcesCommand, type GetResourcesCommandOutput } from '@aws-sdk/client-resource-groups-tagging-api';
import { canonicalArn, typeOfArn } from '../arn.js';
import type { Session, Target } from '../session.js';

export async function collectTagging(s: Session, t: Target): Promise<void> {
  const complete = await s.paginate(
    t,
    'tagging',
    'GetResources',
    ['tags'],
    (c, token) => c.send(new GetResourcesCommand({ ResourcesPerPage: s.page(100), ...(token ? { PaginationToken: token } : {}) })),
    (p: GetResourcesCommandOutput) => p.PaginationToken || undefined,
    (p) => {
      for (const m of p.ResourceTagMappingList ?? []) {
        if (!m.ResourceARN) continue;
        const arn = canonicalArn(m.ResourceARN);
        const kind = typeOfArn(arn);
        if (!kind) continue;
        const tags: Record<string, string> = {};
        for (const tag of m.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? '';
        s.upsert({ arn, accountId: t.accountId, region: t.region, type: kind.type, id: kind.id, tags }, true);
      }
    },
  );
  if (complete) s.addCoverage(t, 'tagging', ['tags']);
}
