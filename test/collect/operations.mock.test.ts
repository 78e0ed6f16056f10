// Paging of ListDashboards, which moto answers in one page: the token shape of the
// CloudWatch API reference (ListDashboards: NextToken in, NextToken out; no page size;
// DashboardEntries with DashboardName, DashboardArn, LastModified, Size), through
// aws-sdk-client-mock.
import { CloudWatchClient, ListDashboardsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { GLOBAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials, PROD } from './spec-fixture.js';

const cw = mockClient(CloudWatchClient);
afterEach(() => cw.reset());
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const t = { accountId: PROD, region: 'us-east-1' };
const collectDashboards = GLOBAL_SOURCES.find((src) => src.types.includes('AWS::CloudWatch::Dashboard'))!.run;
const arn = (name: string) => `arn:aws:cloudwatch::${PROD}:dashboard/${name}`;

describe('ListDashboards', () => {
  it('follows NextToken and keeps every dashboard with its size and last change', async () => {
    cw.on(ListDashboardsCommand)
      .resolvesOnce({ DashboardEntries: [{ DashboardName: 'api-staging-overview', DashboardArn: arn('api-staging-overview'), LastModified: new Date('2026-11-20T08:00:00Z'), Size: 1234 }], NextToken: 'page-2' })
      .resolvesOnce({ DashboardEntries: [{ DashboardName: 'api-production-overview', DashboardArn: arn('api-production-overview'), Size: 2048 }] });
    const s = session();
    await collectDashboards(s, t);
    expect(cw.commandCalls(ListDashboardsCommand).map((c) => c.args[0].input)).toEqual([{}, { NextToken: 'page-2' }]);
    expect([...s.resources.values()].map((r) => [r.arn, r.region, r.name, r.config])).toEqual([
      [arn('api-staging-overview'), 'global', 'api-staging-overview', { sizeBytes: 1234, lastModified: '2026-11-20T08:00:00.000Z' }],
      [arn('api-production-overview'), 'global', 'api-production-overview', { sizeBytes: 2048 }],
    ]);
    expect(s.coverage.map((c) => c.types)).toEqual([['AWS::CloudWatch::Dashboard']]);
  });
});
