// Checks of spec values against what AWS accepts and what envgate can check: zones of
// the environment's regions, log retention values CloudWatch accepts, backup retention
// within each API's limits, and resource types a requirement can be checked for.
// Defensive like cross-checks.ts: they run on schema-invalid input too.
import { BACKUP_RETENTION_LIMITS, isKnownRegion, LOG_RETENTION_DAYS, nearestLogRetention, regionOfZone } from './aws-values/index.js';
import { MESSAGES } from './messages.js';
import { REQUIREMENT_TYPES } from './requirement-types.js';
import { pointerSegment as seg } from './source.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);
const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const get = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((cur, k) => (isObj(cur) ? cur[k] : undefined), v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const WELL_FORMED_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

export type At = (path: string, code: string, message: string, expected?: string, key?: boolean) => void;

export function checkValues(root: unknown, at: At): void {
  const envs = entries(get(root, 'environments'));
  for (const [env, spec] of envs) {
    const base = `/environments/${seg(env)}`;
    checkZones(base, spec, at);
    checkLogRetention(base, spec, at);
    checkBackupLimits(base, spec, at);
  }
  checkRequirementTypes(root, at);
}

function checkZones(base: string, spec: unknown, at: At): void {
  const regions = items(get(spec, 'regions')).filter((r): r is string => typeof r === 'string' && isKnownRegion(r));
  items(get(spec, 'network', 'availabilityZones')).forEach((zone, i) => {
    if (typeof zone !== 'string') return;
    const region = regionOfZone(zone);
    if (region === undefined || regions.length === 0 || regions.includes(region)) return; // unknown zones are the format's to report
    at(`${base}/network/availabilityZones/${i}`, 'zone-region', MESSAGES.zoneRegion(zone, region, regions), `a zone of ${regions.join(', ')}`);
  });
}

function checkLogRetention(base: string, spec: unknown, at: At): void {
  items(get(spec, 'retention', 'logGroups')).forEach((g, i) => {
    for (const [field, up] of [['days', true], ['maxDays', false]] as const) {
      const days = get(g, field);
      if (!num(days) || !Number.isInteger(days) || days < 1 || LOG_RETENTION_DAYS.includes(days)) continue;
      at(`${base}/retention/logGroups/${i}/${field}`, 'log-retention', MESSAGES.logRetention(days, nearestLogRetention(days, up)), `one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
  });
}

function checkBackupLimits(base: string, spec: unknown, at: At): void {
  items(get(spec, 'retention', 'backups')).forEach((b, i) => {
    const [type, days] = [get(b, 'type'), get(b, 'days')];
    const limit = typeof type === 'string' ? BACKUP_RETENTION_LIMITS[type] : undefined;
    if (!limit || !num(days) || (days >= limit.min && days <= limit.max)) return;
    at(`${base}/retention/backups/${i}/days`, 'range', MESSAGES.backupLimit(days, limit.what, limit.min, limit.max), `${limit.min}-${limit.max} days`);
  });
}

/** Every value (or key) at a location with * wildcards, with its JSON pointer. */
interface TypeRef {
  pointer: string;
  value: string;
  key: boolean;
}

function expand(root: unknown, location: string): TypeRef[] {
  let frontier: { pointer: string; value: unknown }[] = [{ pointer: '', value: root }];
  for (const part of location.split('/').slice(1)) {
    frontier = frontier.flatMap(({ pointer, value }) => {
      if (part !== '*') return [{ pointer: `${pointer}/${seg(part)}`, value: get(value, part) }];
      if (Array.isArray(value)) return value.map((v, i) => ({ pointer: `${pointer}/${i}`, value: v }));
      return entries(value).map(([k, v]) => ({ pointer: `${pointer}/${seg(k)}`, value: v }));
    });
  }
  return frontier.flatMap(({ pointer, value }): TypeRef[] => {
    if (typeof value === 'string') return [{ pointer, value, key: false }];
    if (Array.isArray(value)) return value.flatMap((v, i) => (typeof v === 'string' ? [{ pointer: `${pointer}/${i}`, value: v, key: false }] : []));
    return entries(value).map(([k]) => ({ pointer: `${pointer}/${seg(k)}`, value: k, key: true }));
  });
}

function checkRequirementTypes(root: unknown, at: At): void {
  for (const [location, allowed] of Object.entries(REQUIREMENT_TYPES)) {
    for (const ref of expand(root, location)) {
      if (!WELL_FORMED_TYPE.test(ref.value) || allowed.includes(ref.value)) continue;
      const near = didYouMean(ref.value, allowed);
      if (near !== undefined) at(ref.pointer, 'resource-type', MESSAGES.resourceTypeTypo(ref.value, near), `a known type such as ${near}`, ref.key);
      else if (allowed.length > 20) at(ref.pointer, 'uncollected-type', MESSAGES.uncollectedType(ref.value), 'a type envgate collects (README: Resource types)', ref.key);
      else at(ref.pointer, 'unchecked-type', MESSAGES.uncheckedType(ref.value, location), `one of: ${allowed.join(', ')}`, ref.key);
    }
  }
}
