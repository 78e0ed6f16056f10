// CloudWatch dashboards: one paged list, once per account (dashboards are global: any
// region's endpoint lists them all, and their ARNs have no region).
import type { DashboardEntry, ListDashboardsCommandOutput } from '@aws-sdk/client-cloudwatch';
import { int, obj, str } from '../../../model/config-schemas.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';

const TYPE = 'AWS::CloudWatch::Dashboard';

const collection: GenericCollection<ListDashboardsCommandOutput, DashboardEntry> = {
  list: {
    operation: 'ListDashboards',
    // The API takes no page size: a page holds up to 1000 dashboards.
    request: (token) => (token ? { NextToken: token } : {}),
    next: (p) => p.NextToken,
    items: (p) => (p.DashboardEntries ?? []).filter((d) => d.DashboardName),
  },
  toPart: (d, _answers, t) => {
    const name = d.DashboardName!;
    return {
      arn: d.DashboardArn ?? `arn:aws:cloudwatch::${t.accountId}:dashboard/${name}`,
      accountId: t.accountId,
      region: 'global',
      type: TYPE,
      id: name,
      name,
      config: {
        ...(d.Size !== undefined ? { sizeBytes: d.Size } : {}),
        ...(d.LastModified ? { lastModified: new Date(d.LastModified).toISOString() } : {}),
      },
    };
  },
};

export const cloudwatchDashboard: ResourceDescriptor = {
  type: TYPE,
  service: 'cloudwatch',
  scope: 'global',
  configType: TYPE,
  arn: { service: 'cloudwatch', head: 'dashboard' },
  relations: [],
  config: obj({ sizeBytes: int, lastModified: str }),
  calls: [{ operation: 'ListDashboards', per: 'list', pageMax: 1000, feeds: ['sizeBytes', 'lastModified'] }],
  collect: { generic: collection },
  hooks: { pricing: 'unpriced' },
};
