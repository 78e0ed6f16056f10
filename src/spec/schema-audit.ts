// The JSON Schema of the environment sections about credentials, audit logs and TLS:
// secret rotation, the environment's own CloudTrail trail, certificate expiry and issuer
// (src/model/spec.ts SecretsSpec, AuditSpec, CertificatesSpec). Encryption of secrets
// with a customer-managed key is encryption.customerManagedKey, as for every type.
import { bool, int, list, namePattern, obj, str } from './schema-parts.js';

export const secrets = obj('Secrets Manager requirements.', {
  rotationDays: int('Every secret must have rotation on, an interval of at most this many days, and a rotation (or creation) within this many days of the scan.', { minimum: 1, maximum: 1000 }),
});

export const audit = obj('Audit logging requirements.', {
  trail: obj(
    'The environment must have a CloudTrail trail of its own in each of its accounts (a trail logging an account that another environment also uses is shared), logging, with the properties set true here.',
    {
      multiRegion: bool('The trail logs every region.', false),
      logFileValidation: bool('Log file integrity validation is on.', false),
      customerManagedKey: bool('Log files are encrypted with a customer-managed KMS key (SSE-KMS).', false),
    },
  ),
});

export const certificates = obj('ACM certificate requirements.', {
  minDaysToExpiry: int('Every certificate must expire at least this many days after the scan.', { minimum: 1, maximum: 3650 }),
  issuers: list('Issuers a certificate may have, e.g. [Amazon] or ["Example Corp CA*"]. Absent: any.', namePattern('A glob (* and ?) or re:<regex> matched against the whole issuer.'), { minItems: 1 }),
  domains: list(
    "Domains each of which must have an ISSUED ACM certificate (its DomainName, exactly: *.example.com is the wildcard certificate) in one of the environment's accounts. ACM keeps certificates per account, so environments sharing an account share its certificates.",
    str('A certificate domain name, e.g. *.example.com or www.example.com.'),
    { minItems: 1 },
  ),
});
