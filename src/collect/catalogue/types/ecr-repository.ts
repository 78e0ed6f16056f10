// ECR repositories: one paged list that carries everything envgate reads (scan on push,
// tag mutability, encryption). Tags come from the Tagging API.
import type { DescribeRepositoriesCommandOutput, Repository } from '@aws-sdk/client-ecr';
import { bool, encryption, obj, str } from '../../../model/config-schemas.js';
import type { EncryptionState } from '../../../model/resource-config.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, isAwsManagedAlias, kmsKeyArn, type Place } from '../refs.js';

const TYPE = 'AWS::ECR::Repository';

/** AES256 (ECR's default), KMS or KMS_DSSE; with KMS and no key named, the aws/ecr key. */
function repositoryEncryption(r: Repository, t: Place): EncryptionState {
  const kind = r.encryptionConfiguration?.encryptionType ?? 'AES256';
  if (kind === 'AES256') return { enabled: true, algorithm: 'AES256', customerManagedKey: false };
  const key = kmsKeyArn(r.encryptionConfiguration?.kmsKey, t);
  const managed = !key || isAwsManagedAlias(key);
  return { enabled: true, algorithm: kind, ...(key ? { kmsKeyArn: key } : {}), ...(managed ? { customerManagedKey: false } : {}) };
}

const collection: GenericCollection<DescribeRepositoriesCommandOutput, Repository> = {
  list: {
    operation: 'DescribeRepositories',
    request: (token, page) => ({ maxResults: page(1000), ...(token ? { nextToken: token } : {}) }),
    next: (p) => p.nextToken,
    items: (p) => p.repositories ?? [],
  },
  toPart: (r, _answers, t) => {
    const name = r.repositoryName ?? '';
    const enc = repositoryEncryption(r, t);
    return {
      arn: r.repositoryArn ?? arnOf('ecr', t.region, t.accountId, `repository/${name}`),
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: name,
      name,
      config: {
        ...(r.repositoryUri ? { uri: r.repositoryUri } : {}),
        scanOnPush: r.imageScanningConfiguration?.scanOnPush ?? false,
        // MUTABLE, IMMUTABLE, or either with exclusion filters (tags that stay mutable).
        tagMutability: r.imageTagMutability ?? 'MUTABLE',
        encryption: enc,
      },
      relations: enc.kmsKeyArn ? [{ kind: 'kms-key', target: enc.kmsKeyArn }] : [],
    };
  },
};

export const ecrRepository: ResourceDescriptor = {
  type: TYPE,
  service: 'ecr',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'ecr', head: 'repository' },
  relations: ['kms-key'],
  config: obj({ uri: str, scanOnPush: bool, tagMutability: str, encryption }),
  calls: [{ operation: 'DescribeRepositories', per: 'list', pageMax: 1000, feeds: ['uri', 'scanOnPush', 'tagMutability', 'encryption'], relations: ['kms-key'] }],
  collect: { generic: collection },
};
