// envgate publish --security-hub envgate.json: sends a report's findings to AWS Security
// Hub (envgate's only write to AWS, with its own permission; see README). Exit 0 when
// every finding was taken, 3 when Security Hub refused some, 2 for bad input.
import type { Argv } from 'yargs';
import { readReportFile } from '../../gate/files.js';
import { InputError } from '../../model/diagnostics.js';
import { terminalText } from '../../report/escape.js';
import { defineCommand, type GlobalArgs } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { checkRegionOption } from '../region-option.js';

interface PublishArgs {
  'security-hub': string;
  region?: string;
  profile?: string;
  endpoint?: string;
  account?: string;
}

export const publishCommand = defineCommand<PublishArgs>({
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('security-hub', { type: 'string', demandOption: true, nargs: 1, describe: 'envgate.json report whose findings to import into AWS Security Hub' })
      .option('region', { type: 'string', nargs: 1, describe: 'Security Hub region (default: AWS_REGION, then AWS_DEFAULT_REGION)' })
      .option('profile', { type: 'string', describe: 'AWS shared-config profile' })
      .option('endpoint', { type: 'string', describe: 'Security Hub endpoint (e.g. a local emulator); AWS_ENDPOINT_URL works too' })
      .option('account', { type: 'string', describe: "Only this account's findings (Security Hub takes a finding only from its own account)" })
      .example('$0 publish --security-hub out/envgate.json --region eu-west-1', '') as unknown as Argv<PublishArgs & GlobalArgs>,
  run: async (args, ctx): Promise<ExitCode> => {
    const report = readReportFile(args['security-hub']);
    const region = args.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION;
    if (!region) {
      throw new InputError('publish: no Security Hub region: give --region or set AWS_REGION', [
        { file: '--region', line: 1, column: 1, path: '', code: 'region-missing', message: 'no Security Hub region', expected: 'an AWS region, e.g. us-west-2' },
      ]);
    }
    checkRegionOption([region]);
    if (args.account !== undefined && !/^\d{12}$/.test(args.account)) {
      throw new InputError(`--account: '${args.account}' is not a 12-digit account id`, [
        { file: '--account', line: 1, column: 1, path: '', code: 'account', message: `'${args.account}' is not an account id`, expected: '12 digits' },
      ]);
    }
    // The SDK only now: no other command loads the Security Hub client.
    const { SecurityHubClient } = await import('@aws-sdk/client-securityhub');
    const { fromIni } = await import('@aws-sdk/credential-providers');
    const { publishToSecurityHub } = await import('../../publish/security-hub.js');
    const endpoint = args.endpoint ?? ctx.env.AWS_ENDPOINT_URL_SECURITYHUB ?? ctx.env.AWS_ENDPOINT_URL;
    const client = new SecurityHubClient({
      region,
      maxAttempts: 5, // throttling and 5xx are retried with backoff by the SDK's standard mode
      retryMode: 'standard',
      ...(endpoint ? { endpoint } : {}),
      ...(args.profile ? { credentials: fromIni({ profile: args.profile }) } : {}),
    });
    try {
      const s = await publishToSecurityHub(report, client, { region, ...(args.account ? { accountId: args.account } : {}) });
      for (const f of s.failed.slice(0, 10)) ctx.out.warn(`envgate publish: Security Hub refused ${terminalText(f.id)}: ${f.code} ${terminalText(f.message)}`);
      if (s.failed.length > 10) ctx.out.warn(`envgate publish: ... and ${s.failed.length - 10} more refused`);
      if (!s.resolvedStale) ctx.out.warn('envgate publish: the report is incomplete, so no earlier finding was resolved');
      ctx.out.info(
        `envgate publish: ${s.imported} finding(s) imported, ${s.resolved} resolved, ${s.archived} archived, ${s.failed.length} refused, in ${s.batches} BatchImportFindings call(s) to ${region}`,
      );
      return s.failed.length > 0 ? EXIT.incomplete : EXIT.ok;
    } finally {
      client.destroy();
    }
  },
});
