// Rule waf-api-stage: stages of internet-facing REST APIs with and without a web ACL, and a
// private API's stage (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const STAGE = 'AWS::ApiGateway::Stage';
const ACL = 'arn:aws:wafv2:us-east-1:111111111111:regional/webacl/edge/0b1c2d3e';
const stage = (name: string, endpointTypes: string[], webAclArn: string | null) =>
  prod(STAGE, name, { config: { stageName: 'prod', endpointTypes, internetFacing: !endpointTypes.every((e) => e === 'PRIVATE'), webAclArn } });

ruleTester.run('waf-api-stage', [
  {
    name: 'a stage of an EDGE or REGIONAL API needs a web ACL; a private API gives no result',
    spec: (s) => void (production(s).waf = { apiStages: true }),
    resources: [stage('orders/prod', ['REGIONAL'], ACL), stage('edge/prod', ['EDGE'], null), stage('inner/prod', ['PRIVATE'], null)],
    expect: { 'orders/prod': 'pass', 'edge/prod': 'fail', 'inner/prod': 'none' },
    messages: { 'edge/prod': "AWS::ApiGateway::Stage 'edge/prod': no web ACL filters this stage of an internet-facing API; production requires WAF on API stages" },
  },
  {
    name: 'no result where the environment asks for WAF on load balancers only',
    spec: (s) => void (production(s).waf = { loadBalancers: true }),
    resources: [stage('edge/prod', ['EDGE'], null)],
    expect: { 'edge/prod': 'none' },
  },
]);
