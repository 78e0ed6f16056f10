// ACM certificates: one paged list (every key algorithm: the API lists RSA_2048 only
// unless asked), then DescribeCertificate each for type, issuer, expiry and users.
// Tags come from the Tagging API.
import type { CertificateSummary, DescribeCertificateCommandOutput, ListCertificatesCommandOutput } from '@aws-sdk/client-acm';
import { obj, str, strs } from '../../../model/config-schemas.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';

const TYPE = 'AWS::CertificateManager::Certificate';
const KEY_TYPES = ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'];

const collection: GenericCollection<ListCertificatesCommandOutput, CertificateSummary> = {
  list: {
    operation: 'ListCertificates',
    request: (token, page) => ({ MaxItems: page(1000), Includes: { keyTypes: KEY_TYPES }, ...(token ? { NextToken: token } : {}) }),
    next: (p) => p.NextToken,
    items: (p) => (p.CertificateSummaryList ?? []).filter((c) => c.CertificateArn !== undefined),
  },
  hydrate: [{ operation: 'DescribeCertificate', request: (c) => ({ CertificateArn: c.CertificateArn }) }],
  arn: (c) => c.CertificateArn!,
  toPart: (c, [answer], t) => {
    const d = (answer as DescribeCertificateCommandOutput | undefined)?.Certificate;
    const arn = c.CertificateArn!;
    const config: Record<string, unknown> = {
      ...(c.DomainName ? { domainName: c.DomainName } : {}),
      ...(c.Status ? { status: c.Status } : {}),
    };
    if (d) {
      if (d.Type) config.certificateType = d.Type;
      if (d.Issuer) config.issuer = d.Issuer;
      if (d.NotAfter) config.notAfter = d.NotAfter.toISOString();
      if (d.KeyAlgorithm) config.keyAlgorithm = d.KeyAlgorithm;
      config.inUseBy = [...(d.InUseBy ?? [])].sort();
    }
    const id = arn.split(':certificate/')[1] ?? arn;
    return { arn, accountId: t.accountId, region: t.region, type: TYPE, id, name: c.DomainName ?? id, config };
  },
};

export const acmCertificate: ResourceDescriptor = {
  type: TYPE,
  service: 'acm',
  scope: 'regional',
  configType: 'AWS::ACM::Certificate',
  arn: { service: 'acm', head: 'certificate' },
  relations: [],
  config: obj({ domainName: str, status: str, certificateType: { enum: ['AMAZON_ISSUED', 'IMPORTED', 'PRIVATE'] }, issuer: str, notAfter: str, keyAlgorithm: str, inUseBy: strs }),
  calls: [
    { operation: 'ListCertificates', per: 'list', pageMax: 1000, feeds: ['domainName', 'status'] },
    { operation: 'DescribeCertificate', per: 'resource', feeds: ['certificateType', 'issuer', 'notAfter', 'keyAlgorithm', 'inUseBy'] },
  ],
  collect: { generic: collection },
};
