// The normalised `config` of secrets, trails and certificates (the types whose checks
// are about credentials, audit logs and TLS). As in resource-config.ts: a field that
// could not be collected is absent, never guessed.
import type { EncryptionState } from './resource-config.js';

export interface SecretConfig {
  /** Always enabled: without a key of its own a secret uses aws/secretsmanager (customerManagedKey false). */
  encryption: EncryptionState;
  rotationEnabled: boolean;
  /** Days between rotations (AutomaticallyAfterDays or a rate() schedule); absent for a cron schedule. */
  rotationIntervalDays?: number;
  /** The schedule expression as AWS gives it, when one is set. */
  rotationSchedule?: string;
  /** ISO 8601; absent when never rotated. */
  lastRotated?: string;
  created?: string;
  /** Resource policy; null when the secret has none, absent when not collected. */
  policy?: unknown;
}

export interface TrailConfig {
  multiRegion: boolean;
  logFileValidation: boolean;
  /** An organisation trail logs every account of the organisation. */
  organizationTrail: boolean;
  /** SSE-KMS with the trail's key, or SSE-S3 when it has none. */
  encryption: EncryptionState;
  s3Bucket?: string;
  homeRegion?: string;
  /** GetTrailStatus IsLogging. */
  logging?: boolean;
}

export interface CertificateConfig {
  domainName?: string;
  /** ISSUED, PENDING_VALIDATION, EXPIRED, ... */
  status?: string;
  certificateType?: 'AMAZON_ISSUED' | 'IMPORTED' | 'PRIVATE';
  issuer?: string;
  /** ISO 8601 expiry. */
  notAfter?: string;
  keyAlgorithm?: string;
  /** ARNs of the load balancers, distributions, ... that use it. */
  inUseBy?: string[];
}
