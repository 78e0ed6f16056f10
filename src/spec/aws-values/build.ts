// Regenerates aws-values.json from the AWS SDK's own data (npm run aws-values): the
// region list of every partition (the SDK's endpoint partition data) and the EC2
// instance types (the EC2 client's InstanceType enum). A test checks the file is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _InstanceType } from '@aws-sdk/client-ec2';

const require = createRequire(import.meta.url);
export const AWS_VALUES_FILE = fileURLToPath(new URL('./aws-values.json', import.meta.url));

interface PartitionsInfo {
  partitions: { id: string; regionRegex: string; regions: Record<string, unknown> }[];
}

function partitionsInfo(): PartitionsInfo {
  const dir = path.dirname(require.resolve('@aws-sdk/core/package.json'));
  const text = readFileSync(path.join(dir, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'), 'utf8');
  const m = /export const partitionsInfo = ([\s\S]*);\s*$/.exec(text);
  if (!m) throw new Error('the SDK partition data has an unexpected shape');
  return JSON.parse(m[1]!) as PartitionsInfo;
}

/** The text aws-values.json must hold. */
export function awsValuesText(): string {
  const regions: Record<string, string[]> = {};
  for (const p of partitionsInfo().partitions) {
    // '<partition>-global' pseudo regions do not match the partition's own region pattern.
    const re = new RegExp(p.regionRegex);
    regions[p.id] = Object.keys(p.regions).filter((r) => re.test(r)).sort();
  }
  const values = {
    sources: {
      regions: '@aws-sdk/core (util-endpoints partition data)',
      ec2InstanceTypes: '@aws-sdk/client-ec2 (InstanceType enum)',
    },
    regions,
    ec2InstanceTypes: [...new Set(Object.values(_InstanceType))].sort(),
  };
  return `${JSON.stringify(values, null, 1)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  writeFileSync(AWS_VALUES_FILE, awsValuesText());
  console.log(`wrote ${path.relative(process.cwd(), AWS_VALUES_FILE)}`);
}
