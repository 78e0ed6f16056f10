// The explicit list of describe sources: which resource types each inventories and
// whether it runs per region or once per account. Config may serve a source's types.
import type { Session, Target } from '../session.js';
import { collectIam, IAM_TYPES } from './iam.js';
import { collectS3 } from './s3.js';
import { collectTagging } from './tagging.js';

export interface SourceDef {
  name: string;
  /** Resource types this source inventories (empty for tags-only sources). */
  types: string[];
  run(s: Session, t: Target): Promise<void>;
}

export const GLOBAL_SOURCES: readonly SourceDef[] = [
  { name: 'iam', types: IAM_TYPES, run: collectIam },
];

export const REGIONAL_SOURCES: readonly SourceDef[] = [
  { name: 'tagging', types: [], run: collectTagging },
  { name: 's3', types: ['AWS::S3::Bucket'], run: collectS3 },
];
