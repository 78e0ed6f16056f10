// Account furniture: what AWS itself creates in every account (default VPCs and their
// parts, every VPC's default security group, AWS-managed keys, service-linked and IAM
// Identity Center roles, AWS-managed policies). A team neither creates nor can tag or
// rename these, so rules about attribution, tagging, naming and address plans leave them
// out, with the reason. Pure: reads only the resource and, for gateways, the VPC ids
// that are default VPCs.

/** The fields classification reads; resources have them all. */
export interface Classifiable {
  arn: string;
  type: string;
  name: string;
  id: string;
  config: Record<string, unknown>;
}

export type FurnitureCode =
  | 'default-vpc'
  | 'default-subnet'
  | 'default-security-group'
  | 'default-network-acl'
  | 'main-route-table'
  | 'default-internet-gateway'
  | 'aws-managed-key'
  | 'service-linked-role'
  | 'identity-center-role'
  | 'aws-managed-policy'
  | 'default-event-bus'
  | 'primary-athena-workgroup'
  | 'zone-apex-record';

export interface Furniture {
  code: FurnitureCode;
  /** One sentence: what AWS created and why the team cannot change it. */
  reason: string;
}

/** Every code with its reason: one place for the text (the README table is checked against it). */
export const FURNITURE: Readonly<Record<FurnitureCode, string>> = {
  'default-vpc': 'the default VPC AWS creates in every region of an account',
  'default-subnet': 'a default subnet of the default VPC (one per availability zone, made by AWS)',
  'default-security-group': "the default security group AWS creates in every VPC (named 'default', cannot be deleted)",
  'default-network-acl': 'the default network ACL AWS creates in every VPC',
  'main-route-table': 'the main route table AWS creates in every VPC',
  'default-internet-gateway': 'the internet gateway AWS attaches to the default VPC',
  'aws-managed-key': 'an AWS managed KMS key (aws/<service>), created and rotated by AWS',
  'service-linked-role': 'a service-linked role (path /aws-service-role/), created and owned by an AWS service',
  'identity-center-role': 'an IAM Identity Center role (path /aws-reserved/sso.amazonaws.com/), provisioned from a permission set; IAM cannot tag or change it',
  'aws-managed-policy': 'an AWS managed policy, maintained by AWS',
  'default-event-bus': "the EventBridge event bus named 'default' that every account has in every region",
  'primary-athena-workgroup': "the Athena workgroup named 'primary' that every account has in every region",
  'zone-apex-record': 'the NS or SOA record Route 53 creates at the apex of every hosted zone',
};

const of = (code: FurnitureCode): Furniture => FROZEN[code];
const FROZEN = Object.fromEntries(Object.entries(FURNITURE).map(([code, reason]) => [code, Object.freeze({ code, reason })])) as unknown as Record<FurnitureCode, Furniture>;

const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

/** True for a KMS key reference (key or alias ARN, alias name) that is AWS managed by its alias. */
export function isAwsManagedKeyAlias(ref: string): boolean {
  return AWS_MANAGED_ALIAS.test(ref);
}

/**
 * The furniture a resource is, or undefined. `isDefaultVpc` answers for a VPC id (from
 * the snapshot's VPCs); only internet gateways need it.
 */
export function furnitureOf(r: Classifiable, isDefaultVpc: (vpcId: string) => boolean = () => false): Furniture | undefined {
  const c = r.config;
  switch (r.type) {
    case 'AWS::EC2::VPC':
      return c.isDefault === true ? of('default-vpc') : undefined;
    case 'AWS::EC2::Subnet':
      return c.defaultForAz === true ? of('default-subnet') : undefined;
    case 'AWS::EC2::SecurityGroup':
      // The group name, not the Name tag (which names the resource once set).
      return c.groupName === 'default' ? of('default-security-group') : undefined;
    case 'AWS::EC2::NetworkAcl':
      return c.isDefault === true ? of('default-network-acl') : undefined;
    case 'AWS::EC2::RouteTable':
      return c.main === true ? of('main-route-table') : undefined;
    case 'AWS::EC2::InternetGateway': {
      const vpcs = Array.isArray(c.attachedVpcIds) ? c.attachedVpcIds : typeof c.vpcId === 'string' ? [c.vpcId] : [];
      return vpcs.length > 0 && vpcs.every((v) => typeof v === 'string' && isDefaultVpc(v)) ? of('default-internet-gateway') : undefined;
    }
    case 'AWS::KMS::Key': {
      if (c.keyManager === 'AWS') return of('aws-managed-key');
      if (c.keyManager === undefined && Array.isArray(c.aliases) && c.aliases.some((a) => typeof a === 'string' && isAwsManagedKeyAlias(a))) return of('aws-managed-key');
      return undefined;
    }
    case 'AWS::KMS::Alias':
      return isAwsManagedKeyAlias(r.arn) || isAwsManagedKeyAlias(r.name) ? of('aws-managed-key') : undefined;
    case 'AWS::IAM::Role':
      return roleFurniture(typeof c.path === 'string' ? c.path : pathOfArn(r.arn));
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::Policy':
      return r.arn.split(':')[4] === 'aws' ? of('aws-managed-policy') : undefined;
    case 'AWS::Events::EventBus':
      return r.id === 'default' || r.arn.endsWith(':event-bus/default') ? of('default-event-bus') : undefined;
    case 'AWS::Athena::WorkGroup':
      return r.id === 'primary' || r.arn.endsWith(':workgroup/primary') ? of('primary-athena-workgroup') : undefined;
    case 'AWS::Route53::RecordSet':
      return (c.recordType === 'NS' || c.recordType === 'SOA') && typeof c.recordName === 'string' && c.recordName === c.zoneName ? of('zone-apex-record') : undefined;
    default:
      return undefined;
  }
}

/** Furniture of an IAM role by its path (principals carry the path too). */
export function roleFurniture(path: string): Furniture | undefined {
  if (path.startsWith('/aws-service-role/')) return of('service-linked-role');
  if (path.startsWith('/aws-reserved/sso.amazonaws.com/')) return of('identity-center-role');
  return undefined;
}

/** The path part of a role ARN (`arn:aws:iam::1:role/a/b/name` -> `/a/b/`). */
function pathOfArn(arn: string): string {
  const rest = arn.split(':').slice(5).join(':');
  const parts = rest.split('/');
  return parts.length > 2 ? `/${parts.slice(1, -1).join('/')}/` : '/';
}
