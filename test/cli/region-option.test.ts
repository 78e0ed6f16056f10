// --region is checked against the real region list before any AWS call.
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';

describe('--region', () => {
  // A loopback endpoint, so even a regression that collected first would stay on this machine.
  it('exits 2 on a region AWS does not have, on inventory and scan, with a did-you-mean', async () => {
    const spec = 'fixtures/mht-api/envgate.yaml';
    for (const argv of [
      ['inventory', '--spec', spec, '--endpoint', 'http://127.0.0.1:9', '--region', 'us-east-1', '--region', 'us-wset-2'],
      ['scan', '--spec', spec, '--endpoint', 'http://127.0.0.1:9', '--out', '-', '--format', 'json', '--region', 'us-wset-2'],
    ]) {
      const out = memoryOutput();
      expect(await main(argv, {}, out)).toBe(EXIT.input);
      const err = out.stderr.join('\n');
      expect(err).toContain(`'us-wset-2' is not an AWS region; did you mean "us-west-2"?`);
      expect(err).not.toContain('us-east-1');
    }
  });
});
