// ARN shapes -> CloudFormation type names, per service: the described types' shapes come
// from their descriptors; below are the types that reach the snapshot only through the
// Tagging API or a relation. Each entry is the resource part's first segment (ARNs use
// '/' or ':' after it). Types with no CloudFormation name (EBS snapshots, AMIs, RDS
// snapshots) use AWS Config's name.

import { describedArnShapes } from './catalogue/index.js';

export interface ArnShape {
  type: string;
  /** How the short id is taken from the resource part after the head. Default: all of it. */
  id?: (rest: string) => string;
}

const last = (rest: string) => rest.split(/[/:]/).filter(Boolean).at(-1) ?? rest;
const first = (rest: string) => rest.split(/[/:]/)[0] ?? rest;

/** Types described by no descriptor: service -> resource head -> shape. */
const TAGGED_ONLY: Readonly<Record<string, Readonly<Record<string, ArnShape>>>> = {
  kms: { alias: { type: 'AWS::KMS::Alias' } },
  route53: { healthcheck: { type: 'AWS::Route53::HealthCheck' } },
  lambda: {
    layer: { type: 'AWS::Lambda::LayerVersion' },
    'event-source-mapping': { type: 'AWS::Lambda::EventSourceMapping' },
  },
  ecs: {
    'task-definition': { type: 'AWS::ECS::TaskDefinition' },
    'capacity-provider': { type: 'AWS::ECS::CapacityProvider' },
  },
  cloudfront: {
    function: { type: 'AWS::CloudFront::Function' },
    'origin-access-identity': { type: 'AWS::CloudFront::CloudFrontOriginAccessIdentity' },
  },
  apigateway: {
    // restapis/<id>/stages/<name> is a described stage; restapis/<id>[/...] its REST API (typeOfArn).
    apis: { type: 'AWS::ApiGatewayV2::Api', id: first },
    domainnames: { type: 'AWS::ApiGateway::DomainName', id: first },
  },
  states: { stateMachine: { type: 'AWS::StepFunctions::StateMachine' }, activity: { type: 'AWS::StepFunctions::Activity' } },
  events: { rule: { type: 'AWS::Events::Rule', id: last }, 'event-bus': { type: 'AWS::Events::EventBus' } },
  kinesis: { stream: { type: 'AWS::Kinesis::Stream' } },
  firehose: { deliverystream: { type: 'AWS::KinesisFirehose::DeliveryStream' } },
  elasticfilesystem: { 'file-system': { type: 'AWS::EFS::FileSystem' }, 'access-point': { type: 'AWS::EFS::AccessPoint' } },
  es: { domain: { type: 'AWS::OpenSearchService::Domain' } },
  ssm: { parameter: { type: 'AWS::SSM::Parameter' }, document: { type: 'AWS::SSM::Document' } },
  codebuild: { project: { type: 'AWS::CodeBuild::Project' } },
  'cognito-idp': { userpool: { type: 'AWS::Cognito::UserPool' } },
  eks: { nodegroup: { type: 'AWS::EKS::Nodegroup' } },
  backup: { 'backup-vault': { type: 'AWS::Backup::BackupVault' }, 'backup-plan': { type: 'AWS::Backup::BackupPlan' } },
  redshift: { cluster: { type: 'AWS::Redshift::Cluster' } },
  memorydb: { cluster: { type: 'AWS::MemoryDB::Cluster' } },
  kafka: { cluster: { type: 'AWS::MSK::Cluster', id: first } },
  iam: {
    'instance-profile': { type: 'AWS::IAM::InstanceProfile', id: last },
    'oidc-provider': { type: 'AWS::IAM::OIDCProvider' },
    'saml-provider': { type: 'AWS::IAM::SAMLProvider' },
  },
  rds: {
    subgrp: { type: 'AWS::RDS::DBSubnetGroup' },
    pg: { type: 'AWS::RDS::DBParameterGroup' },
    'cluster-pg': { type: 'AWS::RDS::DBClusterParameterGroup' },
    og: { type: 'AWS::RDS::OptionGroup' },
    es: { type: 'AWS::RDS::EventSubscription' },
    'cluster-snapshot': { type: 'AWS::RDS::DBClusterSnapshot' },
  },
  elasticache: {
    parametergroup: { type: 'AWS::ElastiCache::ParameterGroup' },
    serverlesscache: { type: 'AWS::ElastiCache::ServerlessCache' },
    user: { type: 'AWS::ElastiCache::User' },
    usergroup: { type: 'AWS::ElastiCache::UserGroup' },
  },
  elasticloadbalancing: {
    // loadbalancer/app|net|gwy/... is v2; loadbalancer/<name> is a Classic Load Balancer (handled in typeOfArn).
    listener: { type: 'AWS::ElasticLoadBalancingV2::Listener' },
    'listener-rule': { type: 'AWS::ElasticLoadBalancingV2::ListenerRule' },
  },
  ec2: {
    'egress-only-internet-gateway': { type: 'AWS::EC2::EgressOnlyInternetGateway' },
    'elastic-ip': { type: 'AWS::EC2::EIP' },
    'vpc-peering-connection': { type: 'AWS::EC2::VPCPeeringConnection' },
    'transit-gateway': { type: 'AWS::EC2::TransitGateway' },
    'transit-gateway-attachment': { type: 'AWS::EC2::TransitGatewayAttachment' },
    'customer-gateway': { type: 'AWS::EC2::CustomerGateway' },
    'vpn-gateway': { type: 'AWS::EC2::VPNGateway' },
    'vpn-connection': { type: 'AWS::EC2::VPNConnection' },
    'dhcp-options': { type: 'AWS::EC2::DHCPOptions' },
    'launch-template': { type: 'AWS::EC2::LaunchTemplate' },
    'key-pair': { type: 'AWS::EC2::KeyPair' },
    'prefix-list': { type: 'AWS::EC2::PrefixList' },
    'flow-log': { type: 'AWS::EC2::FlowLog' },
    'placement-group': { type: 'AWS::EC2::PlacementGroup' },
    'capacity-reservation': { type: 'AWS::EC2::CapacityReservation' },
    image: { type: 'AWS::EC2::Image' },
  },
};

/** service -> resource head -> shape. '' is the head of a resource part with no separator. */
export const ARN_SHAPES: Readonly<Record<string, Readonly<Record<string, ArnShape>>>> = (() => {
  const out: Record<string, Record<string, ArnShape>> = {};
  for (const [service, heads] of [...Object.entries(describedArnShapes()), ...Object.entries(TAGGED_ONLY)]) out[service] = { ...out[service], ...heads };
  return out;
})();

/** Every type an ARN can be mapped to: the types that may reach a snapshot without a describe. */
export const ARN_TYPES: readonly string[] = [
  ...new Set([...Object.values(ARN_SHAPES).flatMap((heads) => Object.values(heads).map((s) => s.type)), 'AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ApiGateway::RestApi']),
].sort();
