// WAFv2 web ACLs: ListWebACLs (REGIONAL scope in every region; CLOUDFRONT scope too in
// us-east-1, the only region that answers it), then what each regional ACL filters
// through ListResourcesForWebACL (load balancers, API Gateway stages). A CloudFront ACL's
// distributions are not listed from the ACL: each distribution names its ACL itself
// (config.webAclId). Code of its own (sources/wafv2.ts): two scopes, two association calls.
import { obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const WEB_ACL = 'AWS::WAFv2::WebACL';

export const wafv2WebAcl: ResourceDescriptor = {
  type: WEB_ACL,
  service: 'wafv2',
  scope: 'regional',
  configType: WEB_ACL,
  // arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id> (CloudFront ACLs: global/webacl/...).
  arn: { service: 'wafv2', head: 'regional', id: (rest) => rest.split('/').at(-1) ?? rest },
  relations: ['filters'],
  config: obj({
    scope: { enum: ['REGIONAL', 'CLOUDFRONT'] },
    description: str,
    filtered: strs,
  }),
  calls: [
    { operation: 'ListWebACLs', per: 'list', pageMax: 100, feeds: ['scope', 'description'] },
    { operation: 'ListResourcesForWebACL', per: 'resource', feeds: ['filtered'], relations: ['filters'], when: 'REGIONAL ACLs, once for load balancers and once for API Gateway stages' },
  ],
  collect: { source: 'wafv2' },
};
