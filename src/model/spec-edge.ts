// The spec's edge sections: web ACLs, CloudFront viewer settings, Shield Advanced
// (src/spec/schema-edge.ts).

export interface WafSpec {
  /** Internet-facing application load balancers have a web ACL. */
  loadBalancers?: boolean;
  /** CloudFront distributions have a web ACL. */
  distributions?: boolean;
  /** Stages of internet-facing REST APIs have a web ACL. */
  apiStages?: boolean;
}

export interface CdnSpec {
  /** Every cache behaviour is https-only or redirect-to-https. */
  httpsViewers?: boolean;
  /** 1, 1.1, 1.2 or 1.3. */
  minimumTlsVersion?: number;
  /** Standard access logs to S3. */
  logging?: boolean;
  /** Allowed price classes (PriceClass_All: every edge location). */
  priceClasses?: CdnPriceClass[];
}

export const CDN_PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;
export type CdnPriceClass = (typeof CDN_PRICE_CLASSES)[number];

export interface ShieldSpec {
  /** Internet-facing load balancers and distributions have a Shield Advanced protection. */
  advanced?: boolean;
}
