// A principal's identity policies as a flat list of statements, each naming where it came
// from (inline or managed, directly or through a group), plus its permissions boundary.
// Policies the snapshot does not hold are reported as missing: never silently skipped.
import type { ManagedPolicy, PolicyDocument, PolicyStatement, Principal } from '../../model/snapshot.js';

export interface SourcedStatement {
  /** The principal whose policy holds the statement (the group, for group policies). */
  owner: string;
  /** Managed policy arn, or `inline:OWNER_ARN:NAME`. */
  policy: string;
  sid?: string;
  /** Index in the policy document, for stable ordering. */
  index: number;
  statement: PolicyStatement;
}

export interface PrincipalPolicies {
  identity: SourcedStatement[];
  /** Undefined when the principal has no permissions boundary. */
  boundary?: SourcedStatement[];
  /** Policy or group arns referenced but absent from the snapshot. */
  missing: string[];
}

export function list(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function statements(doc: PolicyDocument | undefined): PolicyStatement[] {
  if (doc === undefined || doc === null) return [];
  const s = doc.Statement;
  if (s === undefined || s === null) return [];
  return Array.isArray(s) ? s : [s];
}

function fromDocument(owner: string, policy: string, doc: PolicyDocument | undefined): SourcedStatement[] {
  return statements(doc).map((statement, index) => ({
    owner,
    policy,
    index,
    statement,
    ...(statement.Sid !== undefined && statement.Sid !== '' ? { sid: statement.Sid } : {}),
  }));
}

export interface PolicyLookup {
  principals: ReadonlyMap<string, Principal>;
  policies: ReadonlyMap<string, ManagedPolicy>;
}

function ownPolicies(p: Principal, lookup: PolicyLookup, missing: string[]): SourcedStatement[] {
  const out: SourcedStatement[] = [];
  for (const inline of [...p.inlinePolicies].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    out.push(...fromDocument(p.arn, `inline:${p.arn}:${inline.name}`, inline.document));
  }
  for (const arn of [...p.attachedPolicies].sort()) {
    const mp = lookup.policies.get(arn);
    if (mp === undefined) missing.push(arn);
    else out.push(...fromDocument(p.arn, arn, mp.document));
  }
  return out;
}

/** Identity statements (own, then each group's), and the boundary when set. */
export function gatherPolicies(p: Principal, lookup: PolicyLookup): PrincipalPolicies {
  const missing: string[] = [];
  const identity = ownPolicies(p, lookup, missing);
  if (p.kind === 'user') {
    for (const g of [...p.groups].sort()) {
      const group = lookup.principals.get(g);
      if (group === undefined) missing.push(g);
      else identity.push(...ownPolicies(group, lookup, missing));
    }
  }
  const result: PrincipalPolicies = { identity, missing };
  if (p.permissionsBoundary !== undefined && p.permissionsBoundary !== '') {
    const mp = lookup.policies.get(p.permissionsBoundary);
    if (mp === undefined) missing.push(p.permissionsBoundary);
    else result.boundary = fromDocument(p.arn, mp.arn, mp.document);
  }
  result.missing = [...new Set(missing)].sort();
  return result;
}
