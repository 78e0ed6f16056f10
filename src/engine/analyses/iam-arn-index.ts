// Which environments an IAM Resource pattern reaches. Attributed ARNs are sorted once;
// a pattern is answered from the range sharing its literal prefix (the part before the
// first wildcard), and answers are cached per pattern: managed policies repeat across
// principals, so the work is bounded by distinct patterns, never principals x resources.
import type { EngineContext } from '../context.js';
import { recordsOfResources } from './support.js';

export interface PatternReach {
  /** Environments with at least one matched resource (or the whole account, for `*`). */
  envs: ReadonlySet<string>;
  /** Up to `sampleCap` matched ARNs per environment, sorted. */
  samples: ReadonlyMap<string, readonly string[]>;
  /** True when the pattern is account-wide (`*`, or `arn:...:ACCOUNT:*`). */
  accountWide: boolean;
}

interface Entry {
  arn: string;
  env: string;
}

interface KeyedEntry extends Entry {
  /** `service:resource` (region and account dropped): patterns usually wildcard those. */
  key: string;
}

function serviceKey(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const a = arn.indexOf(':', 4); // after partition
  const b = a < 0 ? -1 : arn.indexOf(':', a + 1); // after service
  const c = b < 0 ? -1 : arn.indexOf(':', b + 1); // after region
  const d = c < 0 ? -1 : arn.indexOf(':', c + 1); // after account
  if (d < 0) return undefined;
  return arn.slice(a + 1, b + 1) + arn.slice(d + 1);
}

const byArn = (a: Entry, b: Entry): number => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0);

function isSorted(list: readonly Entry[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.arn > list[i]!.arn) return false;
  return true;
}

const SAMPLE_CAP = 3;

/** IAM's resource matching: `*` any run of characters, `?` one; policy variables match anything. */
export function iamArnRegExp(pattern: string): RegExp {
  const src = pattern
    .split(/\$\{[^}]*\}/)
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.'))
    .join('.*');
  return new RegExp(`^${src}$`, 's');
}

function literalPrefix(pattern: string): string {
  const cut = pattern.search(/[*?]|\$\{/);
  return cut < 0 ? pattern : pattern.slice(0, cut);
}

/** `arn:aws:s3:::bucket/key*` also reaches the bucket itself (object access is bucket access). */
function withBucket(pattern: string): string[] {
  const m = /^(arn:[^:]*:s3:::[^/]+)\/.*/s.exec(pattern);
  return m?.[1] !== undefined ? [pattern, m[1]] : [pattern];
}

function accountGlob(pattern: string): string | undefined {
  if (/^\*+$/.test(pattern)) return '*';
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  if (!/^\*+$/.test(resource) || parts[4] === '') return undefined;
  return parts[4];
}

const shared = new WeakMap<EngineContext, ArnIndex>();

/** The unfiltered index of a context, built once and shared by the analyses that need it. */
export function arnIndexOf(ctx: EngineContext): ArnIndex {
  let idx = shared.get(ctx);
  if (idx === undefined) shared.set(ctx, (idx = new ArnIndex(ctx)));
  return idx;
}

export class ArnIndex {
  private readonly entries: Entry[];
  private keyedCache: KeyedEntry[] | undefined;
  private readonly cache = new Map<string, PatternReach>();
  /** accountId -> environments living there (spec accounts and attributed resources). */
  readonly envsByAccount: ReadonlyMap<string, ReadonlySet<string>>;
  /** environment -> number of attributed resources. */
  readonly totals: ReadonlyMap<string, number>;
  private readonly envCount: number;

  /** `include` leaves resources out of pattern answers (isolation: the spec's shared allowances). */
  constructor(ctx: EngineContext, include?: (arn: string) => boolean) {
    const entries: Entry[] = [];
    const byAccount = new Map<string, Set<string>>();
    const totals = new Map<string, number>();
    const add = (account: string, env: string): void => {
      let s = byAccount.get(account);
      if (s === undefined) byAccount.set(account, (s = new Set()));
      s.add(env);
    };
    for (const [env, e] of Object.entries(ctx.spec.spec.environments)) {
      for (const a of e.accounts ?? []) add(a.id, env);
    }
    const resources = ctx.snapshot.resources;
    const recs = recordsOfResources(ctx);
    // Counted per run of one environment and account (neighbours mostly share them).
    let runEnv: string | undefined;
    let runAccount: string | undefined;
    let run = 0;
    const flush = (): void => {
      if (runEnv !== undefined) totals.set(runEnv, (totals.get(runEnv) ?? 0) + run);
    };
    for (let i = 0; i < resources.length; i++) {
      const env = recs[i]?.environment;
      if (env == null) continue;
      const r = resources[i]!;
      if (include === undefined || include(r.arn)) entries.push({ arn: r.arn, env });
      if (env !== runEnv || r.accountId !== runAccount) {
        flush();
        runEnv = env;
        runAccount = r.accountId;
        run = 0;
        add(r.accountId, env);
      }
      run++;
    }
    flush();
    // Snapshots are sorted by arn already; sort only when handed something else.
    if (!isSorted(entries)) entries.sort(byArn);
    this.entries = entries;
    this.envsByAccount = byAccount;
    this.totals = totals;
    this.envCount = Object.keys(ctx.spec.spec.environments).length;
  }

  /** Environments living in accounts matching a glob ('*' = the given home account only). */
  envsInAccounts(glob: string, homeAccount: string): Set<string> {
    const out = new Set<string>();
    if (glob === '*' || glob === '') {
      for (const e of this.envsByAccount.get(homeAccount) ?? []) out.add(e);
      return out;
    }
    const re = iamArnRegExp(glob);
    for (const [account, envs] of this.envsByAccount) if (re.test(account)) for (const e of envs) out.add(e);
    return out;
  }

  /** Built on the first pattern that needs it (many scans never do). */
  private get keyed(): KeyedEntry[] {
    if (this.keyedCache === undefined) {
      const keyed: KeyedEntry[] = [];
      for (const e of this.entries) {
        const key = serviceKey(e.arn);
        if (key !== undefined) keyed.push({ arn: e.arn, env: e.env, key });
      }
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      this.keyedCache = keyed;
    }
    return this.keyedCache;
  }

  private static lowerBound<T>(list: readonly T[], prefix: string, get: (t: T) => string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (get(list[mid]!) < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Every attributed ARN matched by the pattern. The candidates come from the narrower of
   * two sorted ranges: by ARN prefix, or (when the service is literal) by service and
   * resource prefix, since patterns usually wildcard region and account.
   */
  *matches(pattern: string): Generator<Entry> {
    for (const p of withBucket(pattern)) {
      const re = iamArnRegExp(p);
      const parts = p.split(':');
      const service = parts[2];
      const resourcePrefix = parts.length >= 6 ? literalPrefix(parts.slice(5).join(':')) : '';
      const resourceStart = parts.slice(0, 5).join(':').length + 1;
      // The ARN range is narrower when the literal prefix already reaches the resource part.
      const useKeyed =
        parts[0] === 'arn' && parts.length >= 6 && service !== undefined && service !== '' && literalPrefix(service) === service && literalPrefix(p).length < resourceStart;
      if (useKeyed) {
        const prefix = `${service}:${resourcePrefix}`;
        for (let i = ArnIndex.lowerBound(this.keyed, prefix, (e) => e.key); i < this.keyed.length; i++) {
          const e = this.keyed[i]!;
          if (!e.key.startsWith(prefix)) break;
          if (re.test(e.arn)) yield e;
        }
      } else {
        const prefix = literalPrefix(p);
        for (let i = ArnIndex.lowerBound(this.entries, prefix, (e) => e.arn); i < this.entries.length; i++) {
          const e = this.entries[i]!;
          if (!e.arn.startsWith(prefix)) break;
          if (re.test(e.arn)) yield e;
        }
      }
    }
  }

  /**
   * Environments a Resource pattern reaches for a principal (or policy) of `homeAccount`.
   * `*` reaches every environment living in the home account.
   */
  reach(pattern: string, homeAccount: string): PatternReach {
    const key = `${homeAccount}\u0000${pattern}`;
    let hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const glob = accountGlob(pattern);
    const envs = new Set<string>();
    const samples = new Map<string, string[]>();
    if (glob !== undefined) {
      // Account-wide: no per-resource scan (that would make `*` linear in resources).
      for (const e of this.envsInAccounts(glob, homeAccount)) envs.add(e);
    } else {
      let full = 0;
      for (const e of this.matches(pattern)) {
        envs.add(e.env);
        let list = samples.get(e.env);
        if (list === undefined) samples.set(e.env, (list = []));
        if (list.length < SAMPLE_CAP && !list.includes(e.arn)) {
          list.push(e.arn);
          if (list.length === SAMPLE_CAP && ++full >= this.envCount) break;
        }
      }
    }
    for (const list of samples.values()) list.sort();
    hit = { envs, samples, accountWide: glob !== undefined };
    this.cache.set(key, hit);
    return hit;
  }

  /** Distinct attributed resources of `env` matched by any of the patterns. */
  countMatched(patterns: readonly string[], env: string): number {
    const seen = new Set<string>();
    for (const p of patterns) for (const e of this.matches(p)) if (e.env === env) seen.add(e.arn);
    return seen.size;
  }
}
