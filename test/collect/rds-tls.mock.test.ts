// RDS TLS switches on recorded response shapes (aws-sdk-client-mock): moto 5 answers
// DescribeDBParameters with only the parameters a ModifyDBParameterGroup set, where AWS
// lists every parameter of the group, so the shapes here follow the RDS API reference.
import { DescribeDBClusterParametersCommand, DescribeDBClustersCommand, DescribeDBInstancesCommand, DescribeDBParametersCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import type { Demand } from '../../src/collect/demand.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials } from './spec-fixture.js';

const rds = mockClient(RDSClient);
afterEach(() => rds.reset());
const ACCOUNT = '304050600003';
const run = REGIONAL_SOURCES.find((s) => s.name === 'rds')!.run;
const session = (demand?: Demand) => {
  const s = new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
  if (demand) s.demand = demand;
  return s;
};
const dbArn = (id: string) => `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`;
const instance = (id: string, engine: string, group: string, cluster?: string) => ({
  DBInstanceIdentifier: id,
  DBInstanceArn: dbArn(id),
  Engine: engine,
  DBInstanceClass: 'db.t3.small',
  DBParameterGroups: [{ DBParameterGroupName: group, ParameterApplyStatus: 'in-sync' }],
  ...(cluster ? { DBClusterIdentifier: cluster } : {}),
});
// A page of a group's parameters, as AWS lists them: most with values, some engine defaults without.
const param = (name: string, value?: string) => ({ ParameterName: name, ...(value !== undefined ? { ParameterValue: value } : {}), Source: value === undefined ? 'engine-default' : 'system', ApplyType: 'dynamic', IsModifiable: true });

describe('RDS parameter groups on recorded responses', () => {
  it('reads each group once, pages it, and records the TLS switch of each engine', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        instance('pg-forced', 'postgres', 'app-pg16'),
        instance('pg-forced-2', 'postgres', 'app-pg16'),
        instance('my-open', 'mysql', 'default.mysql8.0'),
        instance('pg-default', 'postgres', 'default.postgres14'),
        instance('ora', 'oracle-ee', 'default.oracle-ee-19'),
        instance('aurora-1-a', 'aurora-postgresql', 'default.aurora-postgresql15', 'aurora-1'),
      ],
    });
    rds.on(DescribeDBParametersCommand, { DBParameterGroupName: 'app-pg16' })
      .resolvesOnce({ Parameters: [param('autovacuum', '1'), param('rds.log_retention_period', '4320')], Marker: 'm2' })
      .resolvesOnce({ Parameters: [param('rds.force_ssl', '1')] });
    rds.on(DescribeDBParametersCommand, { DBParameterGroupName: 'default.mysql8.0' }).resolves({ Parameters: [param('require_secure_transport', '0')] });
    rds.on(DescribeDBParametersCommand, { DBParameterGroupName: 'default.postgres14' }).resolves({ Parameters: [param('rds.force_ssl')] });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ DBClusterIdentifier: 'aurora-1', DBClusterArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:aurora-1`, Engine: 'aurora-postgresql', DBClusterParameterGroup: 'default.aurora-postgresql15' }] });
    rds.on(DescribeDBClusterParametersCommand, { DBClusterParameterGroupName: 'default.aurora-postgresql15' }).resolves({ Parameters: [param('rds.force_ssl', '0')] });
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });

    const s = session();
    await run(s, { accountId: ACCOUNT, region: 'us-east-1' });
    expect(s.errors).toEqual([]);
    const tls = (arn: string) => {
      const c = s.resources.get(arn)!.config;
      return [c.tlsRequired, c.tlsParameter];
    };
    expect(tls(dbArn('pg-forced'))).toEqual([true, 'app-pg16: rds.force_ssl=1']);
    expect(tls(dbArn('pg-forced-2'))).toEqual([true, 'app-pg16: rds.force_ssl=1']);
    expect(tls(dbArn('my-open'))).toEqual([false, 'default.mysql8.0: require_secure_transport=0']);
    // No value (an engine default AWS does not state) and no parameter at all: not collected.
    expect(tls(dbArn('pg-default'))).toEqual([undefined, undefined]);
    expect(tls(dbArn('ora'))).toEqual([undefined, undefined]);
    // A member is judged through its cluster; the cluster's own group is read.
    expect(tls(dbArn('aurora-1-a'))).toEqual([undefined, undefined]);
    expect(tls(`arn:aws:rds:us-east-1:${ACCOUNT}:cluster:aurora-1`)).toEqual([false, 'default.aurora-postgresql15: rds.force_ssl=0']);
    // Two pages of app-pg16, one read of each other group; none for Oracle's or the member's.
    expect(rds.commandCalls(DescribeDBParametersCommand).map((c) => [c.args[0].input.DBParameterGroupName, c.args[0].input.Marker])).toEqual([
      ['app-pg16', undefined],
      ['app-pg16', 'm2'],
      ['default.mysql8.0', undefined],
      ['default.postgres14', undefined],
    ]);
  });

  it('a failed group read is a collection error and leaves the switch uncollected', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance('pg', 'postgres', 'locked')] });
    rds.on(DescribeDBParametersCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    const s = session();
    await run(s, { accountId: ACCOUNT, region: 'us-east-1' });
    expect(s.resources.get(dbArn('pg'))!.config.tlsRequired).toBeUndefined();
    expect(s.errors.map((e) => [e.operation, e.code, e.affects])).toEqual([['DescribeDBParameters', 'AccessDeniedException', ['AWS::RDS::DBInstance']]]);
  });

  it('lists only the types a check needs, and reads no parameters no check reads', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance('pg', 'postgres', 'app-pg16')] });
    const s = session({ full: false, types: new Map([['AWS::RDS::DBInstance', new Set(['encryption'])]]), relations: new Set() });
    await run(s, { accountId: ACCOUNT, region: 'us-east-1' });
    expect([...s.resources.keys()]).toEqual([dbArn('pg')]);
    expect(rds.commandCalls(DescribeDBClustersCommand)).toHaveLength(0);
    expect(rds.commandCalls(DescribeDBSnapshotsCommand)).toHaveLength(0);
    expect(rds.commandCalls(DescribeDBParametersCommand)).toHaveLength(0);
    expect(s.coverage).toEqual([{ accountId: ACCOUNT, region: 'us-east-1', source: 'describe', types: ['AWS::RDS::DBInstance'] }]);
  });
});
