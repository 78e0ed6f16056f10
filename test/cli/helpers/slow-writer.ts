// Child process for the interrupted-write tests: writes a large snapshot (argv[2] = target
// file, argv[3] = resources) or, with argv[3] = 'report', one small report file.
import { writeFileAtomic } from '../../../src/cli/fs-atomic.js';
import { writeSnapshot } from '../../../src/collect/snapshot-io.js';
import type { Snapshot } from '../../../src/model/snapshot.js';

const [target, what] = process.argv.slice(2) as [string, string];
if (what === 'report') {
  writeFileAtomic(target, 'report\n');
} else {
  const n = Number(what);
  const snapshot: Snapshot = {
    schemaVersion: 1,
    metadata: { tool: { name: 'envgate', version: '0.0.0' }, collectedAt: '2025-01-01T00:00:00.000Z', accounts: ['111111111111'], regions: ['eu-west-1'], apiCalls: {}, coverage: [] },
    resources: Array.from({ length: n }, (_, i) => ({
      arn: `arn:aws:sqs:eu-west-1:111111111111:queue-${String(i).padStart(8, '0')}`,
      accountId: '111111111111',
      region: 'eu-west-1',
      type: 'AWS::SQS::Queue',
      name: `queue-${i}`,
      id: `queue-${i}`,
      tags: { Environment: 'staging', Padding: 'x'.repeat(200) },
      config: { url: `https://sqs.eu-west-1.amazonaws.com/111111111111/queue-${i}` },
      relations: [],
    })),
    principals: [],
    policies: [],
    costs: [],
    errors: [],
  };
  process.stdout.write('writing\n');
  await writeSnapshot(target, snapshot);
  process.stdout.write('done\n');
}
