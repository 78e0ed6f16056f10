// Rule rds-tls-required: the TLS switch of each database's parameter group, collected into
// config.tlsRequired (cluster members through their cluster).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const DB = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';
const requireTls = (s: Parameters<typeof production>[0]) =>
  void (production(s).encryption = { atRest: [], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false, databases: true } });

ruleTester.run('rds-tls-required', [
  {
    name: 'the switch on passes, off fails, unknown is not evaluated; members go by their cluster',
    spec: requireTls,
    resources: [
      prod(DB, 'db-forced', { config: { engine: 'postgres', tlsRequired: true, tlsParameter: 'app-pg16: rds.force_ssl=1' } }),
      prod(DB, 'db-open', { config: { engine: 'mysql', tlsRequired: false, tlsParameter: 'default.mysql8.0: require_secure_transport=0' } }),
      prod(DB, 'db-oracle', { config: { engine: 'oracle-ee' } }),
      prod(DB, 'db-member', { config: { engine: 'aurora-postgresql', clusterId: 'aurora-1' } }),
      prod(CLUSTER, 'aurora-1', { config: { engine: 'aurora-postgresql', tlsRequired: false, tlsParameter: 'default.aurora-postgresql15: rds.force_ssl=0' } }),
    ],
    expect: { 'db-forced': 'pass', 'db-open': 'fail', 'db-oracle': 'not-evaluated', 'db-member': 'none', 'aurora-1': 'fail' },
    messages: {
      'db-open': "AWS::RDS::DBInstance 'db-open': its parameter group lets clients connect without TLS; production requires TLS connections to its databases",
    },
  },
  {
    name: 'no requirement, no result',
    resources: [prod(DB, 'db-open', { config: { engine: 'mysql', tlsRequired: false } })],
    expect: { 'db-open': 'none' },
  },
]);
