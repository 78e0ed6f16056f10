// Rule dns-records-present: listed records present, missing, or pointing at another
// environment's load balancer (through the rule tester).
import type { Resource } from '../../../src/model/snapshot.js';
import { PROD_ACCOUNT, prod, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const prodLb = prod(LB, 'prod-alb');
const stgLb = res(LB, 'stg-alb', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' } });

/** A record in `account`'s zone example.com, aliasing `to` when given. */
function record(account: string, name: string, type: string, to?: Resource): Resource {
  const id = `Z1/${name}/${type}`;
  return res('AWS::Route53::RecordSet', `${name}/${type}`, {
    arn: `arn:aws:route53:::recordset/${account}/${id}`,
    accountId: account,
    region: 'global',
    id,
    config: { zoneId: 'Z1', zoneName: 'example.com.', recordName: `${name}.`, recordType: type, ...(to ? { aliasTarget: { dnsName: `${to.name}.elb.amazonaws.com.`, hostedZoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth: false } } : { values: ['192.0.2.10'], ttl: 300 }) },
    relations: to ? [{ kind: 'alias-target', target: to.arn }] : [],
  });
}

ruleTester.run('dns-records-present', [
  {
    name: 'present and pointing home; a staging name on the production load balancer fails',
    spec: (s) => {
      production(s).dns = { records: [{ name: 'api.example.com', type: 'A' }, { name: 'WWW.example.com.' }] };
      s.environments.staging!.dns = { records: [{ name: 'staging.api.example.com' }, { name: 'staging.example.com' }] };
    },
    resources: [
      prodLb,
      stgLb,
      record(PROD_ACCOUNT, 'api.example.com', 'A', prodLb),
      record(PROD_ACCOUNT, 'www.example.com', 'A'),
      record(STAGING_ACCOUNT, 'staging.api.example.com', 'A', stgLb),
      record(STAGING_ACCOUNT, 'staging.example.com', 'A', prodLb),
    ],
    expect: { production: 'pass', staging: 'fail' },
    messages: {
      production: 'Environment production: 2 DNS record(s) present (api.example.com (A), www.example.com), none pointing at another environment',
      staging: 'Environment staging: staging.example.com points at prod-alb, of production; the spec lists these records for staging',
    },
  },
  {
    name: 'a missing record, one of the wrong type, one in another account; an alias outside the inventory',
    spec: (s) => {
      production(s).dns = { records: [{ name: 'api.example.com', type: 'AAAA' }, { name: 'status.example.com' }] };
      s.environments.staging!.dns = { records: [{ name: 'cdn.example.com' }] };
    },
    resources: [
      record(PROD_ACCOUNT, 'api.example.com', 'A'),
      // In staging's account: not a record of production.
      record(STAGING_ACCOUNT, 'status.example.com', 'A'),
      // An alias to a CloudFront distribution, which is not collected: nowhere to judge.
      { ...record(STAGING_ACCOUNT, 'cdn.example.com', 'A'), config: { zoneId: 'Z1', zoneName: 'example.com.', recordName: 'cdn.example.com.', recordType: 'A', aliasTarget: { dnsName: 'd111111abcdef8.cloudfront.net.', hostedZoneId: 'Z2FDTNDATAQYW2', evaluateTargetHealth: false } } },
    ],
    expect: { production: 'fail', staging: 'not-evaluated' },
    messages: {
      production: 'Environment production: api.example.com (AAAA) is missing; status.example.com is missing; the spec lists these records for production',
      staging: 'Environment staging: DNS records present; what cdn.example.com points at is not in the inventory',
    },
  },
]);
