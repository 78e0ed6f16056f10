// IAM, once per account: GetAccountAuthorizationDetails returns users, groups, roles and
// managed policies with every document in a few pages (1000 items a page). When a check
// reads them, each user's console password (GetLoginProfile) and, for users that have
// one, MFA devices (ListMFADevices): per-user read calls, where the credential report
// would need GenerateCredentialReport, which creates state and is not in a read-only policy.
import {
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  GetLoginProfileCommand,
  ListMFADevicesCommand,
  type ManagedPolicyDetail,
} from '@aws-sdk/client-iam';
import type { ManagedPolicy, PolicyDocument, Principal } from '../../model/snapshot.js';
import { decodePolicy, grantRelations } from '../policy-docs.js';
import type { Session, Target } from '../session.js';

export const IAM_TYPES = ['AWS::IAM::Group', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User'];
const USER = 'AWS::IAM::User';

type Tags = { Key?: string; Value?: string }[] | undefined;
const tagMap = (tags: Tags): Record<string, string> => Object.fromEntries((tags ?? []).filter((x) => x.Key).map((x) => [x.Key!, x.Value ?? '']));

export async function collectIam(s: Session, t: Target): Promise<void> {
  const pages: GetAccountAuthorizationDetailsCommandOutput[] = [];
  const complete = await s.paginate(
    t,
    'iam',
    'GetAccountAuthorizationDetails',
    ['iam', ...IAM_TYPES],
    (c, marker) => c.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: s.page(1000), ...(marker ? { Marker: marker } : {}) })),
    (p) => (p.IsTruncated ? p.Marker : undefined),
    (p) => void pages.push(p),
  );
  if (complete) s.addCoverage(t, 'iam', IAM_TYPES);

  const managed = new Map<string, ManagedPolicyDetail>();
  for (const p of pages) for (const m of p.Policies ?? []) if (m.Arn) managed.set(m.Arn, m);
  const docOf = (arn: string): PolicyDocument | undefined => {
    const m = managed.get(arn);
    const v = m?.PolicyVersionList?.find((x) => x.IsDefaultVersion) ?? m?.PolicyVersionList?.[0];
    return decodePolicy(v?.Document);
  };
  const attached = new Set<string>();
  const addPrincipal = (p: Principal, type: string, extra: Record<string, unknown>) => {
    for (const a of p.attachedPolicies) attached.add(a);
    s.principals.set(p.arn, p);
    const docs = [...p.inlinePolicies.map((x) => x.document), ...p.attachedPolicies.map(docOf)];
    s.upsert({
      arn: p.arn,
      accountId: t.accountId,
      region: 'global',
      type,
      id: p.name,
      name: p.name,
      tags: p.tags,
      config: { path: p.path, ...extra },
      relations: grantRelations(docs),
    });
  };
  const inline = (list: { PolicyName?: string; PolicyDocument?: string }[] | undefined) =>
    (list ?? []).flatMap((x) => {
      const document = decodePolicy(x.PolicyDocument);
      return document ? [{ name: x.PolicyName ?? '', document }] : [];
    });
  const attachedArns = (list: { PolicyArn?: string }[] | undefined) => (list ?? []).flatMap((x) => (x.PolicyArn ? [x.PolicyArn] : [])).sort();

  const groupArns = new Map<string, string>();
  for (const p of pages) for (const g of p.GroupDetailList ?? []) if (g.GroupName && g.Arn) groupArns.set(g.GroupName, g.Arn);

  const users = pages.flatMap((p) => (p.UserDetailList ?? []).filter((u) => u.Arn && u.UserName));
  const signIn = new Map(await Promise.all(users.map(async (u) => [u.Arn!, await signInOf(s, t, u.UserName!, u.Arn!)] as const)));

  for (const page of pages) {
    for (const u of page.UserDetailList ?? []) {
      if (!u.Arn) continue;
      addPrincipal(
        {
          arn: u.Arn,
          accountId: t.accountId,
          kind: 'user',
          name: u.UserName ?? '',
          path: u.Path ?? '/',
          tags: tagMap(u.Tags),
          groups: (u.GroupList ?? []).map((g) => groupArns.get(g) ?? groupArn(u.Arn!, g)).sort(),
          attachedPolicies: attachedArns(u.AttachedManagedPolicies),
          inlinePolicies: inline(u.UserPolicyList),
          ...(u.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundary: u.PermissionsBoundary.PermissionsBoundaryArn } : {}),
        },
        'AWS::IAM::User',
        signIn.get(u.Arn) ?? {},
      );
    }
    for (const g of page.GroupDetailList ?? []) {
      if (!g.Arn) continue;
      addPrincipal(
        {
          arn: g.Arn,
          accountId: t.accountId,
          kind: 'group',
          name: g.GroupName ?? '',
          path: g.Path ?? '/',
          tags: {},
          groups: [],
          attachedPolicies: attachedArns(g.AttachedManagedPolicies),
          inlinePolicies: inline(g.GroupPolicyList),
        },
        'AWS::IAM::Group',
        {},
      );
    }
    for (const r of page.RoleDetailList ?? []) {
      if (!r.Arn) continue;
      const profiles = (r.InstanceProfileList ?? []).flatMap((x) => (x.Arn ? [x.Arn] : [])).sort();
      const trust = decodePolicy(r.AssumeRolePolicyDocument);
      addPrincipal(
        {
          arn: r.Arn,
          accountId: t.accountId,
          kind: 'role',
          name: r.RoleName ?? '',
          path: r.Path ?? '/',
          tags: tagMap(r.Tags),
          groups: [],
          attachedPolicies: attachedArns(r.AttachedManagedPolicies),
          inlinePolicies: inline(r.RolePolicyList),
          ...(r.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundary: r.PermissionsBoundary.PermissionsBoundaryArn } : {}),
          ...(trust ? { trustPolicy: trust } : {}),
          ...(profiles.length > 0 ? { instanceProfiles: profiles } : {}),
        },
        'AWS::IAM::Role',
        trust ? { trustPolicy: trust } : {},
      );
    }
  }

  for (const [arn, m] of managed) {
    const awsManaged = arn.split(':')[4] === 'aws';
    // AWS managed policies are kept only when something here uses them.
    if (awsManaged && !attached.has(arn) && !(m.AttachmentCount && m.AttachmentCount > 0)) continue;
    const document = docOf(arn) ?? { Statement: [] };
    const policy: ManagedPolicy = { arn, name: m.PolicyName ?? '', accountId: awsManaged ? 'aws' : t.accountId, awsManaged, document };
    s.policies.set(arn, policy);
    if (!awsManaged) {
      s.upsert({
        arn,
        accountId: t.accountId,
        region: 'global',
        type: 'AWS::IAM::ManagedPolicy',
        id: m.PolicyName ?? '',
        name: m.PolicyName ?? '',
        config: { path: m.Path ?? '/' },
        relations: grantRelations([document]),
      });
    }
  }
}

/**
 * A user's console sign-in: whether it has a password (GetLoginProfile answers
 * NoSuchEntity when not) and, with one, whether an MFA device is assigned. A field is
 * absent when its call was not wanted or failed (the failure is a collection error).
 */
async function signInOf(s: Session, t: Target, userName: string, arn: string): Promise<{ consolePassword?: boolean; mfaEnabled?: boolean }> {
  if (!s.wants(USER, 'GetLoginProfile')) return {};
  const profile = await s.call(t, 'iam', 'GetLoginProfile', [USER], (c) => c.send(new GetLoginProfileCommand({ UserName: userName })), { quiet: ['NoSuchEntity'], resourceArn: arn });
  if (profile === undefined) return {};
  if ('absent' in profile) return { consolePassword: false };
  if (!s.wants(USER, 'ListMFADevices')) return { consolePassword: true };
  // A user has at most 8 MFA devices: one page of 100 holds them all.
  const mfa = await s.must(t, 'iam', 'ListMFADevices', [USER], (c) => c.send(new ListMFADevicesCommand({ UserName: userName, MaxItems: 100 })), arn);
  return mfa ? { consolePassword: true, mfaEnabled: (mfa.MFADevices ?? []).length > 0 } : { consolePassword: true };
}

/** A user's group ARN, built from the user's ARN prefix (groups carry no path here). */
function groupArn(userArn: string, group: string): string {
  const prefix = userArn.split(':').slice(0, 5).join(':');
  return `${prefix}:group/${group}`;
}
