// One collection run's shared state: paced calls that record their failures instead of
// throwing, the resources merged per ARN, principals, policies, costs and call counts.
import type {
  CollectionError,
  CostRecord,
  CoverageEntry,
  ManagedPolicy,
  Principal,
  Relation,
  RelationKind,
  Resource,
} from '../model/snapshot.js';
import type { ClientOf, ClientPool, ServiceKey } from './clients.js';
import { descriptorOf } from './catalogue/index.js';
import { FULL_DEMAND, needsCall, needsType, type Demand } from './demand.js';
import { operationInfo } from './operations.js';
import type { Pacer } from './pacing.js';
import { withDeadline } from './timeouts.js';

/** Where a source runs: one account and region (region 'global' for IAM, Route 53). */
export interface Target {
  accountId: string;
  region: string;
  roleArn?: string;
  /** Region used for a global service's endpoint. */
  endpointRegion?: string;
}

export interface Progress {
  accounts: number;
  regions: number;
  resources: number;
  calls: number;
  errors: number;
  phase: string;
}

/** A partial resource from one source; merged with the others by ARN. */
export type ResourcePart = Pick<Resource, 'arn' | 'accountId' | 'region' | 'type'> &
  Partial<Pick<Resource, 'name' | 'id' | 'tags' | 'config'>> & { relations?: Relation[] };

export class Session {
  readonly resources = new Map<string, Resource>();
  /** ARNs whose tags came from the Tagging API (authoritative over describe tags). */
  private readonly taggedBy = new Set<string>();
  /** ARNs whose tags a describe (or Config) read: known even when the Tagging API fails. */
  private readonly describedTags = new Set<string>();
  readonly principals = new Map<string, Principal>();
  readonly policies = new Map<string, ManagedPolicy>();
  /** KMS alias ARN -> the ARN of the key it points at, joined onto kms-key relations in finish. */
  readonly kmsAliases = new Map<string, string>();
  readonly costs: CostRecord[] = [];
  readonly errors: CollectionError[] = [];
  readonly coverage: CoverageEntry[] = [];
  readonly apiCalls: Record<string, number> = {};
  private calls = 0;
  /** Test seam: caps every page size so a small fixture turns every paginator's pages. */
  pageCap = Infinity;
  /** What the checks need (collect/demand.ts); everything unless the caller says less. */
  demand: Demand = FULL_DEMAND;

  /** Whether some check needs this type listed. */
  wantsType(type: string): boolean {
    return needsType(this.demand, type);
  }

  /** Whether some check needs what this call of this type's descriptor feeds. */
  wants(type: string, operation: string): boolean {
    const d = descriptorOf(type);
    const call = d?.calls.find((c) => c.operation === operation);
    return !d || !call || needsCall(this.demand, d, call);
  }

  /** A list call's page size: the API's maximum, unless capped. */
  page(max: number): number {
    return Math.min(max, this.pageCap);
  }

  constructor(
    readonly pool: ClientPool,
    readonly pacer: Pacer,
    private readonly onProgress?: (p: Progress) => void,
    private readonly scope = { accounts: 0, regions: 0 },
  ) {}

  count = (service: string, operation: string): void => {
    const key = `${service}:${operation}`;
    this.apiCalls[key] = (this.apiCalls[key] ?? 0) + 1;
    this.calls++;
  };

  client<S extends ServiceKey>(service: S, t: Target): ClientOf<S> {
    return this.pool.get(service, t.accountId, t.endpointRegion ?? t.region, t.roleArn);
  }

  /**
   * One paced call. On failure (after the SDK's retries) records a CollectionError and
   * returns undefined, so collection goes on. `quiet` codes are expected answers
   * (e.g. NoSuchBucketPolicy) and are returned as `{ absent: code }` instead.
   */
  async call<S extends ServiceKey, T>(
    t: Target,
    service: S,
    operation: string,
    affects: string[],
    fn: (client: ClientOf<S>) => Promise<T>,
    opts: { quiet?: string[]; resourceArn?: string } = {},
  ): Promise<T | { absent: string } | undefined> {
    operationInfo(service, operation); // refuses unregistered operations
    const client = this.client(service, t);
    const region = t.endpointRegion ?? t.region;
    try {
      // Concurrency here; rate buckets per attempt inside the client (ClientSettings.admit).
      // The deadline starts when the call may run, so waiting for a slot does not eat it.
      return await this.pacer.run(service, t.accountId, region, () => withDeadline(this.pool.timeouts.callMs, (signal) => fn(abortable(client, signal))));
    } catch (err) {
      const code = errorCode(err);
      if (opts.quiet?.includes(code)) return { absent: code };
      this.recordError({
        accountId: t.accountId,
        region: t.region,
        service,
        operation,
        code,
        message: errorMessage(err),
        affects,
        ...(opts.resourceArn ? { resourceArn: opts.resourceArn } : {}),
      });
      return undefined;
    } finally {
      this.report(`${service}:${operation}`);
    }
  }

  /** Like call, but never an `absent` answer. */
  async must<S extends ServiceKey, T>(
    t: Target,
    service: S,
    operation: string,
    affects: string[],
    fn: (client: ClientOf<S>) => Promise<T>,
    resourceArn?: string,
  ): Promise<T | undefined> {
    return (await this.call(t, service, operation, affects, fn, resourceArn ? { resourceArn } : {})) as T | undefined;
  }

  /**
   * Streams a paginated list call page by page (each page paced and recorded). Returns
   * true when every page arrived, false when a page failed (the listing is incomplete).
   */
  async paginate<S extends ServiceKey, P>(
    t: Target,
    service: S,
    operation: string,
    affects: string[],
    page: (client: ClientOf<S>, token: string | undefined) => Promise<P>,
    nextToken: (p: P) => string | undefined,
    onPage: (p: P) => void | Promise<void>,
  ): Promise<boolean> {
    let token: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const p = await this.must(t, service, operation, affects, (c) => page(c, token));
      if (p === undefined) return false;
      await onPage(p);
      token = nextToken(p);
      // Some endpoints echo the same token forever; stop rather than loop.
      if (!token || seen.has(token)) return true;
      seen.add(token);
    }
  }

  recordError(e: CollectionError): void {
    this.errors.push(e);
  }

  addCoverage(t: Target, source: CoverageEntry['source'], types: string[]): void {
    if (types.length === 0) return;
    this.coverage.push({ accountId: t.accountId, region: t.region, source, types: [...types].sort() });
  }

  /** Merges a resource part into the record for its ARN. */
  upsert(part: ResourcePart, fromTagging = false): Resource {
    let r = this.resources.get(part.arn);
    if (!r) {
      r = { arn: part.arn, accountId: part.accountId, region: part.region, type: part.type, name: '', id: '', tags: {}, config: {}, relations: [] };
      this.resources.set(part.arn, r);
    }
    // The Tagging API lists S3 buckets from every region in some endpoints; describes know.
    if (!fromTagging) r.region = part.region;
    if (part.id) r.id = part.id;
    if (part.name && (!r.name || r.name === r.id)) r.name = part.name;
    if (part.tags) {
      if (fromTagging) {
        r.tags = { ...part.tags };
        this.taggedBy.add(part.arn);
      } else {
        this.describedTags.add(part.arn);
        if (!this.taggedBy.has(part.arn)) r.tags = { ...r.tags, ...part.tags };
      }
    }
    if (part.config) r.config = { ...r.config, ...part.config };
    if (part.relations) {
      for (const rel of part.relations) {
        if (!r.relations.some((x) => x.kind === rel.kind && x.target === rel.target)) r.relations.push(rel);
      }
    }
    // The Name tag names a resource (the contract); else the resource's own name or id.
    const nameTag = r.tags.Name;
    if (nameTag) r.name = nameTag;
    else if (!r.name) r.name = r.id;
    return r;
  }

  /**
   * Removes and returns an account's records (spill mode: written to its part file once
   * the account is done): its resources, principals, customer managed policies and KMS
   * aliases. AWS managed policies are shared by every account and stay.
   */
  takeAccount(accountId: string): { resources: Resource[]; principals: Principal[]; policies: ManagedPolicy[] } {
    const resources: Resource[] = [];
    for (const [arn, r] of this.resources) {
      if (r.accountId !== accountId) continue;
      resources.push(r);
      this.resources.delete(arn);
      this.taggedBy.delete(arn);
      this.describedTags.delete(arn);
    }
    const take = <T extends { accountId: string }>(m: Map<string, T>): T[] => {
      const out: T[] = [];
      for (const [arn, x] of m) {
        if (x.accountId !== accountId) continue;
        out.push(x);
        m.delete(arn);
      }
      return out;
    };
    for (const alias of this.kmsAliases.keys()) if (alias.split(':')[4] === accountId) this.kmsAliases.delete(alias);
    return { resources, principals: take(this.principals), policies: take(this.policies) };
  }

  /** Whether some source read this resource's tags (Tagging or a describe). */
  tagsKnown(arn: string): boolean {
    return this.taggedBy.has(arn) || this.describedTags.has(arn);
  }

  private report(_op: string): void {
    if (!this.onProgress) return;
    this.onProgress({
      ...this.scope,
      resources: this.resources.size,
      calls: this.calls,
      errors: this.errors.length,
      phase: _op,
    });
  }
}

/** The client with `signal` added to every send, so a deadline stops retries too. */
function abortable<C extends object>(client: C, signal: AbortSignal): C {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver) as unknown;
      const send = (target as unknown as { send(cmd: unknown, o?: object): Promise<unknown> }).send.bind(target);
      return (cmd: unknown, o?: object) => send(cmd, { ...o, abortSignal: signal });
    },
  });
}

export function rel(kind: RelationKind, target: string | undefined): Relation[] {
  return target ? [{ kind, target }] : [];
}

export function errorCode(err: unknown): string {
  const e = err as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.Code ?? e?.name ?? e?.code;
  if (code && code !== 'Error' && code !== 'UnknownError') return code;
  const status = e?.$metadata?.httpStatusCode;
  return status ? `HTTP${status}` : 'UnknownError';
}

export function errorMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.length > 500 ? `${m.slice(0, 500)}...` : m;
}
