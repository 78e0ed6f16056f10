// The spec's sections on secrets, audit trails and certificates (src/spec/schema-audit.ts).

export interface SecretsSpec {
  /** Rotation on, interval and age of the last rotation at most this many days. */
  rotationDays?: number;
}

export interface AuditSpec {
  /** Present: the environment needs a logging trail of its own, with the properties set true. */
  trail?: { multiRegion: boolean; logFileValidation: boolean; customerManagedKey: boolean };
}

export interface CertificatesSpec {
  /** Days from the scan's time to a certificate's expiry, at least. */
  minDaysToExpiry?: number;
  /** Issuer patterns; absent: any. */
  issuers?: string[];
  /** Domains (ACM's DomainName, e.g. *.example.com) each with an issued certificate in the environment's accounts. */
  domains?: string[];
}
