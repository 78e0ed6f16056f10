// Checks across sections that a JSON Schema cannot express: overlapping CIDRs,
// references to undefined environments or teams, accounts claimed twice, alias
// collisions, inverted ranges, exclusions naming nothing (value-checks.ts: AWS limits,
// resource types). They run on schema-invalid input too, so one run reports every problem.
import type { Diagnostic } from '../model/diagnostics.js';
import { keyPosition, valuePosition, type PositionIndex } from './ajv-errors.js';
import { cidrContains, cidrsOverlap, parseCidr, type Cidr } from '../util/cidr.js';
import { MESSAGES } from './messages.js';
import { entries, get, isObj, items, num } from './raw.js';
import { pointerSegment } from './source.js';
import { didYouMean } from './suggest.js';
import { checkValues, type At } from './value-checks.js';

const seg = pointerSegment;

export function crossCheck(root: unknown, file: string, index: PositionIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: string, code: string, message: string, expected?: string, key = false) =>
    out.push({ file, ...(key ? keyPosition(index, path) : valuePosition(index, path)), path, code, message, ...(expected ? { expected } : {}) });
  const envs = entries(get(root, 'environments'));
  const envNames = envs.map(([n]) => n);
  const teamNames = entries(get(root, 'teams')).map(([n]) => n);
  const suggestEnv = (name: string) => {
    const owner = envs.find(([, spec]) => items(get(spec, 'aliases')).some((a) => typeof a === 'string' && a.toLowerCase() === name.toLowerCase()));
    return owner?.[0] ?? didYouMean(name, envNames);
  };

  checkCidrs(envs, at);
  checkAccounts(envs, at);
  checkAliases(envs, at);
  checkRanges(envs, at);

  for (const [team, row] of entries(get(root, 'access', 'matrix'))) {
    const teamPath = `/access/matrix/${seg(team)}`;
    if (!teamNames.includes(team)) at(teamPath, 'undefined-team', MESSAGES.undefinedTeam(team, didYouMean(team, teamNames)), `one of: ${teamNames.join(', ') || '(no teams defined)'}`, true);
    for (const [env] of entries(row)) {
      if (!envNames.includes(env)) {
        at(`${teamPath}/${seg(env)}`, 'undefined-environment', MESSAGES.undefinedEnvironment(env, suggestEnv(env)), `one of: ${envNames.join(', ')}`, true);
      }
    }
  }
  items(get(root, 'parity')).forEach((p, i) => {
    for (const side of ['from', 'to']) {
      const env = get(p, side);
      if (typeof env === 'string' && !envNames.includes(env)) {
        at(`/parity/${i}/${side}`, 'undefined-environment', MESSAGES.undefinedEnvironment(env, suggestEnv(env)), `one of: ${envNames.join(', ')}`);
      }
    }
    const from = get(p, 'from');
    if (typeof from === 'string' && from === get(p, 'to')) at(`/parity/${i}/to`, 'parity-self', MESSAGES.paritySelf(from), 'two different environments');
  });

  items(get(root, 'exclude')).forEach((x, i) => {
    if (isObj(x) && x.type === undefined && x.name === undefined && x.arn === undefined) {
      at(`/exclude/${i}`, 'exclude-target', MESSAGES.excludeTarget, 'type, name or arn');
    }
  });

  checkValues(root, at);
  return out;
}

function checkCidrs(envs: [string, unknown][], at: At): void {
  const vpcs: { env: string; text: string; cidr: Cidr; path: string }[] = [];
  for (const [env, spec] of envs) {
    const own: Cidr[] = [];
    items(get(spec, 'network', 'vpcCidrs')).forEach((text, i) => {
      const cidr = typeof text === 'string' ? parseCidr(text) : undefined;
      if (cidr) {
        own.push(cidr);
        vpcs.push({ env, text: text as string, cidr, path: `/environments/${seg(env)}/network/vpcCidrs/${i}` });
      }
    });
    if (own.length === 0) continue;
    items(get(spec, 'network', 'subnetCidrs')).forEach((text, i) => {
      const cidr = typeof text === 'string' ? parseCidr(text) : undefined;
      if (cidr && !own.some((vpc) => cidrContains(vpc, cidr))) {
        at(`/environments/${seg(env)}/network/subnetCidrs/${i}`, 'cidr-outside', MESSAGES.cidrOutside(text as string), 'a subnet within one of the environment\'s vpcCidrs');
      }
    });
  }
  // Report each overlap once, at the later of the two (in document order).
  for (let i = 0; i < vpcs.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [vpcs[j], vpcs[i]] as [(typeof vpcs)[number], (typeof vpcs)[number]];
      if (a.env !== b.env && cidrsOverlap(a.cidr, b.cidr)) {
        at(b.path, 'cidr-overlap', MESSAGES.cidrOverlap(b.text, a.env, a.text), 'environments with disjoint VPC CIDRs');
      }
    }
  }
}

function checkAccounts(envs: [string, unknown][], at: At): void {
  const claimed = new Map<string, string>();
  for (const [env, spec] of envs) {
    const accountWide = get(spec, 'attribution', 'accountWide') === true;
    items(get(spec, 'accounts')).forEach((acct, i) => {
      const id = get(acct, 'id');
      const roleArn = get(acct, 'roleArn');
      const base = `/environments/${seg(env)}/accounts/${i}`;
      if (typeof id === 'string' && typeof roleArn === 'string') {
        const roleAccount = roleArn.split(':')[4];
        if (roleAccount && /^[0-9]{12}$/.test(roleAccount) && roleAccount !== id) at(`${base}/roleArn`, 'account-mismatch', MESSAGES.accountMismatch(roleAccount, id), `a role in account ${id}`);
      }
      if (!accountWide || typeof id !== 'string') return;
      const other = claimed.get(id);
      if (other !== undefined && other !== env) at(`${base}/id`, 'duplicate-account', MESSAGES.duplicateAccount(id, other), 'each account claimed account-wide by one environment');
      else claimed.set(id, env);
    });
  }
}

function checkAliases(envs: [string, unknown][], at: At): void {
  const names = new Map<string, string>(); // lower-case name or alias -> environment
  for (const [env] of envs) names.set(env.toLowerCase(), env);
  for (const [env, spec] of envs) {
    items(get(spec, 'aliases')).forEach((alias, i) => {
      if (typeof alias !== 'string') return;
      const owner = names.get(alias.toLowerCase());
      if (owner !== undefined && owner !== env) {
        at(`/environments/${seg(env)}/aliases/${i}`, 'alias-collision', MESSAGES.aliasCollision(alias, owner), 'an alias no other environment uses');
      } else names.set(alias.toLowerCase(), env);
    });
  }
}

function checkRanges(envs: [string, unknown][], at: At): void {
  for (const [env, spec] of envs) {
    const base = `/environments/${seg(env)}`;
    const min = get(spec, 'compute', 'instanceCount', 'min');
    const max = get(spec, 'compute', 'instanceCount', 'max');
    if (num(min) && num(max) && min > max) at(`${base}/compute/instanceCount/max`, 'range', MESSAGES.minAboveMax(min, max), `max >= ${min}`);
    for (const field of ['minSize', 'maxSize', 'desiredCapacity']) {
      const [lo, hi] = [get(spec, 'autoScaling', field, 'min'), get(spec, 'autoScaling', field, 'max')];
      if (num(lo) && num(hi) && lo > hi) at(`${base}/autoScaling/${field}/max`, 'range', MESSAGES.minAboveMax(lo, hi), `max >= ${lo}`);
    }
    const [vlo, vhi] = [get(spec, 'storage', 'volumeSizeGiB', 'min'), get(spec, 'storage', 'volumeSizeGiB', 'max')];
    if (num(vlo) && num(vhi) && vlo > vhi) at(`${base}/storage/volumeSizeGiB/max`, 'range', MESSAGES.minAboveMax(vlo, vhi), `max >= ${vlo}`);
    items(get(spec, 'retention', 'logGroups')).forEach((g, i) => {
      const [days, maxDays] = [get(g, 'days'), get(g, 'maxDays')];
      if (num(days) && num(maxDays) && maxDays < days) at(`${base}/retention/logGroups/${i}/maxDays`, 'range', MESSAGES.maxDaysBelowDays(maxDays, days), `maxDays >= ${days}`);
    });
    items(get(spec, 'retention', 's3Lifecycle')).forEach((rule, i) => {
      let last: number | undefined;
      items(get(rule, 'transitions')).forEach((t, j) => {
        const days = get(t, 'days');
        if (!num(days)) return;
        if (last !== undefined && days <= last) at(`${base}/retention/s3Lifecycle/${i}/transitions/${j}/days`, 'range', MESSAGES.transitionsOrder(days, last), `more than ${last} days`);
        last = Math.max(last ?? days, days);
      });
      const exp = get(rule, 'expirationDays');
      if (num(exp) && last !== undefined && exp <= last) at(`${base}/retention/s3Lifecycle/${i}/expirationDays`, 'range', MESSAGES.expirationBeforeTransition(exp, last), `more than ${last} days`);
    });
  }
}
