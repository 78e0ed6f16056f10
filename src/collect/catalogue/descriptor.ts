// What envgate knows about one AWS resource type, as one typed value: the catalogue's
// unit (after Cloud Custodian's resource_type and Steampipe's table definitions, but
// data). Registries, the operation list, the IAM policy, ARN parsing, alarm dimensions,
// config schemas and the README reference are derived from these (catalogue/index.ts).
// Pure: a descriptor may name AWS SDK types but never loads the SDK, so the engine, the
// spec and the rule loader can read the catalogue without it.
import type { JsonSchema } from '../../model/config-schemas.js';
import type { RelationKind } from '../../model/snapshot.js';
import type { ResourcePart, Target } from '../session.js';

/** One AWS call a type's collection makes. */
export interface CallInfo {
  operation: string;
  /** 'list': paged, once per account and region; 'resource': once per listed resource. */
  per: 'list' | 'resource';
  /** A list call's largest page (the API maximum); absent: one call per account and region. */
  pageMax?: number;
  /** IAM actions AWS checks for the call; default `<prefix>:<operation>`. */
  actions?: string[];
  /**
   * Top-level config fields the call fills. A list call also yields the resource itself
   * (arn, id, name); a per-resource call is needed only when a check reads a field it feeds.
   */
  feeds: string[];
  /** Relation kinds the call yields (beyond those of the listing). */
  relations?: readonly RelationKind[];
  /** Made only for some resources (e.g. KMS rotation: customer managed, enabled keys). */
  when?: string;
}

/** How an ARN of this type looks: `arn:<p>:<service>:<region>:<account>:<head><sep><rest>`. */
export interface ArnShape {
  service: string;
  /** The resource part's first segment ('' when the resource part has no separator). */
  head: string;
  /** How the short id is taken from what follows the head. Default: all of it. */
  id?: (rest: string) => string;
}

/** A CloudWatch metric dimension that names one resource of this type. */
export interface AlarmDimension {
  name: string;
  /** The resource's ARN from the dimension's value. */
  arn: (value: string, t: Target) => string;
}

/**
 * A type collected by the catalogue's own collector: one paged list, then (optionally)
 * one call per listed item per hydrate entry, then one resource per item.
 */
export interface GenericCollection<Page = never, Item = never> {
  list: {
    operation: string;
    /** The request for one page; `page(max)` is the page size (the API maximum unless capped). */
    request: (token: string | undefined, page: (max: number) => number) => object;
    next: (page: Page) => string | undefined;
    items: (page: Page) => Item[];
  };
  /** Per-item calls, in `calls` order after the list; each request from the item. */
  hydrate?: { operation: string; request: (item: Item) => object }[];
  /** The item's ARN before hydration (names errors of its per-item calls). */
  arn?: (item: Item, t: Target) => string;
  /** The resource from the item and the answers of its hydrate calls (undefined: failed or not made). */
  toPart: (item: Item, answers: readonly unknown[], t: Target) => ResourcePart;
}

export interface ResourceDescriptor {
  /** CloudFormation type name (AWS Config's name where CloudFormation has none). */
  type: string;
  /** Client key (src/collect/clients.ts). */
  service: string;
  /** Regional, or once per account (IAM, Route 53, CloudFront, Shield). */
  scope: 'regional' | 'global';
  /** AWS Config's resource type, where Config records it. */
  configType?: string;
  arn: ArnShape;
  alarmDimension?: AlarmDimension;
  /** Relation kinds this type's resources carry. */
  relations: readonly RelationKind[];
  /** JSON Schema of the collected `config` (closed: a rule can read only what is here). */
  config: JsonSchema;
  /** Every call made for this type, list first. */
  calls: readonly CallInfo[];
  /**
   * Who collects it: the catalogue's generic collector, or the name of a source with code
   * of its own (src/collect/sources/registry.ts) for types needing joins or extra calls.
   */
  collect: { generic: GenericCollection<any, any> } | { source: string }; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Keys into the engine's tables that read this type (kept in agreement by a test). */
  hooks?: { pricing?: 'priced' | 'unpriced'; parity?: boolean };
}
