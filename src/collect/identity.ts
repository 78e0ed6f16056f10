// Right account, right credentials: before anything in an account is read, STS
// GetCallerIdentity (one call per account, with the credentials its collection will
// use) must answer that account's id. Otherwise the account is not scanned: a
// collection error affecting '*' makes every result there not-evaluated, rather than
// results about another account's resources filed under this one.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AccountPlan } from './plan.js';
import { errorCode, errorMessage, type Session } from './session.js';

/** True when the plan's credentials are the account's own; records why not otherwise. */
export async function verifyIdentity(s: Session, plan: AccountPlan): Promise<boolean> {
  const home = plan.regions[0] ?? 'us-east-1';
  const fail = (operation: string, code: string, message: string) => {
    s.recordError({ accountId: plan.accountId, region: 'global', service: 'sts', operation, code, message, affects: ['*'] });
    return false;
  };
  if (plan.roleArn) {
    // Assume the role once up front: if that fails, nothing in the account can be read.
    try {
      await s.pool.credentialsFor(plan.accountId, plan.roleArn)();
    } catch (err) {
      return fail('AssumeRole', errorCode(err), errorMessage(err));
    }
  }
  const target = { accountId: plan.accountId, region: 'global', endpointRegion: home, ...(plan.roleArn ? { roleArn: plan.roleArn } : {}) };
  const who = await s.call(target, 'sts', 'GetCallerIdentity', ['*'], (c) => c.send(new GetCallerIdentityCommand({})));
  if (who === undefined || 'absent' in who) return false; // the call's error is recorded
  if (who.Account === plan.accountId) return true;
  const via = plan.roleArn ? `role ${plan.roleArn}` : 'the base credentials';
  return fail(
    'GetCallerIdentity',
    'AccountMismatch',
    `the credentials for account ${plan.accountId} (${via}) belong to account ${who.Account ?? '(none)'}${who.Arn ? ` (${who.Arn})` : ''}; account ${plan.accountId} was not scanned`,
  );
}
