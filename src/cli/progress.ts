// A live collection's progress: one stderr line per account region (and per account's
// global services) as it finishes, so a long scan shows where it is. Shown on a terminal,
// or with --progress when stderr is a file or a CI log; hidden by --quiet.
import type { Argv } from 'yargs';
import type { FinishedPart } from '../collect/index.js';
import { collectsGlobal, planAccounts, type GlobalMode } from '../collect/plan.js';
import type { Spec } from '../model/spec.js';

export interface ProgressArgs {
  progress?: boolean;
}

export function withProgressOption<T>(y: Argv<T>): Argv<T & ProgressArgs> {
  return y.option('progress', {
    type: 'boolean',
    describe: 'Print a line per account and region as its collection finishes, also when stderr is not a terminal (live only)',
  }) as Argv<T & ProgressArgs>;
}

/** The line printer for collect()'s onFinished: `[2/6] collected 111111111111 (production) us-east-1: 0 errors`. */
export function progressPrinter(
  spec: Spec,
  regions: string[] | undefined,
  print: (line: string) => void,
  shard: { accounts?: string[]; global?: GlobalMode } = {},
): (part: FinishedPart) => void {
  const plans = planAccounts(spec, regions, shard.accounts);
  const globalPart = (p: (typeof plans)[number]) => (collectsGlobal(shard.global ?? 'include', p, regions) ? 1 : 0);
  const total = plans.reduce((n, p) => n + p.regions.length + globalPart(p), 0);
  const envOf = new Map<string, string>();
  for (const name of Object.keys(spec.environments).sort()) {
    for (const a of spec.environments[name]!.accounts ?? []) if (!envOf.has(a.id)) envOf.set(a.id, name);
  }
  let done = 0;
  return (part) => {
    const account = `${part.accountId}${envOf.has(part.accountId) ? ` (${envOf.get(part.accountId)})` : ''}`;
    if (part.region === '*') {
      const plan = plans.find((p) => p.accountId === part.accountId);
      done += plan ? plan.regions.length + globalPart(plan) : 1;
      print(`[${done}/${total}] not scanned ${account}: its identity check failed (${part.errors} error(s))`);
      return;
    }
    done++;
    const where = part.region === 'global' ? 'global services' : part.region;
    print(`[${done}/${total}] collected ${account} ${where}: ${part.errors} error(s)`);
  };
}
