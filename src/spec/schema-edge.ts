// The JSON Schema of an environment's edge sections (src/model/spec-edge.ts WafSpec, CdnSpec,
// ShieldSpec): web ACLs in front of load balancers, distributions and API stages, CloudFront
// viewer settings, Shield Advanced protections.
import { CDN_PRICE_CLASSES } from '../model/spec-edge.js';
import { bool, list, obj, type JsonSchema } from './schema-parts.js';

export const waf: JsonSchema = obj('WAF requirements. Default: none.', {
  loadBalancers: bool('Internet-facing application load balancers are filtered by a WAFv2 web ACL.'),
  distributions: bool('CloudFront distributions are filtered by a web ACL.'),
  apiStages: bool('Stages of internet-facing (EDGE or REGIONAL) REST APIs are filtered by a WAFv2 web ACL.'),
});

/** The TLS versions CloudFront security policies set as their minimum (TLSv1_2016 is 1.0, TLSv1.2_2021 is 1.2). */
export const TLS_VERSIONS = [1, 1.1, 1.2, 1.3] as const;

export const cdn: JsonSchema = obj('CloudFront distribution requirements. Default: none.', {
  httpsViewers: bool('Every cache behaviour sends viewers to HTTPS (https-only or redirect-to-https).'),
  minimumTlsVersion: { type: 'number', enum: [...TLS_VERSIONS], description: 'Lowest TLS version viewers may use, e.g. 1.2 (a distribution on the default CloudFront certificate allows 1.0).' },
  logging: bool('Distributions write standard access logs to an S3 bucket.'),
  priceClasses: list(
    'Price classes a distribution may use: PriceClass_All serves from every edge location; PriceClass_100 and PriceClass_200 leave regions out (South America, Africa, Oceania...), so a "global CDN" is [PriceClass_All].',
    { type: 'string', enum: [...CDN_PRICE_CLASSES] },
    { minItems: 1 },
  ),
});

export const shield: JsonSchema = obj('DDoS protection requirements. Default: none.', {
  advanced: bool('Internet-facing application load balancers and CloudFront distributions are covered by a Shield Advanced protection.'),
});
