// ARN shapes -> CloudFormation type names, per service, for resources that reach the
// snapshot through the Tagging API or a relation. Each entry is the resource part's
// first segment; `sep` is what follows it (ARNs use '/' or ':'). Types with no
// CloudFormation name (EBS snapshots, AMIs, RDS snapshots) use AWS Config's name.

export interface ArnShape {
  type: string;
  /** How the short id is taken from the resource part after the head. Default: all of it. */
  id?: (rest: string) => string;
}

const last = (rest: string) => rest.split(/[/:]/).filter(Boolean).at(-1) ?? rest;
const first = (rest: string) => rest.split(/[/:]/)[0] ?? rest;

/** service -> resource head -> shape. '' is the head of a resource part with no separator. */
export const ARN_SHAPES: Readonly<Record<string, Readonly<Record<string, ArnShape>>>> = {
  s3: { '': { type: 'AWS::S3::Bucket' } },
  sqs: { '': { type: 'AWS::SQS::Queue' } },
  sns: { '': { type: 'AWS::SNS::Topic' } },
  logs: { 'log-group': { type: 'AWS::Logs::LogGroup', id: (r) => r.replace(/:\*$/, '') } },
  dynamodb: { table: { type: 'AWS::DynamoDB::Table' } },
  kms: { key: { type: 'AWS::KMS::Key' }, alias: { type: 'AWS::KMS::Alias' } },
  cloudwatch: { alarm: { type: 'AWS::CloudWatch::Alarm' }, dashboard: { type: 'AWS::CloudWatch::Dashboard' } },
  route53: { hostedzone: { type: 'AWS::Route53::HostedZone' }, healthcheck: { type: 'AWS::Route53::HealthCheck' } },
  lambda: {
    function: { type: 'AWS::Lambda::Function', id: first },
    layer: { type: 'AWS::Lambda::LayerVersion' },
    'event-source-mapping': { type: 'AWS::Lambda::EventSourceMapping' },
  },
  secretsmanager: { secret: { type: 'AWS::SecretsManager::Secret' } },
  ecs: {
    cluster: { type: 'AWS::ECS::Cluster' },
    service: { type: 'AWS::ECS::Service', id: last },
    'task-definition': { type: 'AWS::ECS::TaskDefinition' },
    'capacity-provider': { type: 'AWS::ECS::CapacityProvider' },
  },
  ecr: { repository: { type: 'AWS::ECR::Repository' } },
  cloudfront: {
    distribution: { type: 'AWS::CloudFront::Distribution' },
    function: { type: 'AWS::CloudFront::Function' },
    'origin-access-identity': { type: 'AWS::CloudFront::CloudFrontOriginAccessIdentity' },
  },
  apigateway: {
    restapis: { type: 'AWS::ApiGateway::RestApi', id: first },
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
  acm: { certificate: { type: 'AWS::CertificateManager::Certificate' } },
  codebuild: { project: { type: 'AWS::CodeBuild::Project' } },
  'cognito-idp': { userpool: { type: 'AWS::Cognito::UserPool' } },
  eks: { cluster: { type: 'AWS::EKS::Cluster' }, nodegroup: { type: 'AWS::EKS::Nodegroup' } },
  autoscaling: { autoScalingGroup: { type: 'AWS::AutoScaling::AutoScalingGroup', id: (r) => r.replace(/^.*autoScalingGroupName\//, '') } },
  backup: { 'backup-vault': { type: 'AWS::Backup::BackupVault' }, 'backup-plan': { type: 'AWS::Backup::BackupPlan' } },
  redshift: { cluster: { type: 'AWS::Redshift::Cluster' } },
  memorydb: { cluster: { type: 'AWS::MemoryDB::Cluster' } },
  kafka: { cluster: { type: 'AWS::MSK::Cluster', id: first } },
  iam: {
    role: { type: 'AWS::IAM::Role', id: last },
    user: { type: 'AWS::IAM::User', id: last },
    group: { type: 'AWS::IAM::Group', id: last },
    policy: { type: 'AWS::IAM::ManagedPolicy', id: last },
    'instance-profile': { type: 'AWS::IAM::InstanceProfile', id: last },
    'oidc-provider': { type: 'AWS::IAM::OIDCProvider' },
    'saml-provider': { type: 'AWS::IAM::SAMLProvider' },
  },
  rds: {
    db: { type: 'AWS::RDS::DBInstance' },
    cluster: { type: 'AWS::RDS::DBCluster' },
    subgrp: { type: 'AWS::RDS::DBSubnetGroup' },
    pg: { type: 'AWS::RDS::DBParameterGroup' },
    'cluster-pg': { type: 'AWS::RDS::DBClusterParameterGroup' },
    og: { type: 'AWS::RDS::OptionGroup' },
    es: { type: 'AWS::RDS::EventSubscription' },
    snapshot: { type: 'AWS::RDS::DBSnapshot' },
    'cluster-snapshot': { type: 'AWS::RDS::DBClusterSnapshot' },
  },
  elasticache: {
    cluster: { type: 'AWS::ElastiCache::CacheCluster' },
    replicationgroup: { type: 'AWS::ElastiCache::ReplicationGroup' },
    subnetgroup: { type: 'AWS::ElastiCache::SubnetGroup' },
    parametergroup: { type: 'AWS::ElastiCache::ParameterGroup' },
    serverlesscache: { type: 'AWS::ElastiCache::ServerlessCache' },
    user: { type: 'AWS::ElastiCache::User' },
    usergroup: { type: 'AWS::ElastiCache::UserGroup' },
  },
  elasticloadbalancing: {
    // loadbalancer/app|net|gwy/... is v2; loadbalancer/<name> is a Classic Load Balancer (handled in typeOfArn).
    loadbalancer: { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' },
    targetgroup: { type: 'AWS::ElasticLoadBalancingV2::TargetGroup' },
    listener: { type: 'AWS::ElasticLoadBalancingV2::Listener' },
    'listener-rule': { type: 'AWS::ElasticLoadBalancingV2::ListenerRule' },
  },
  ec2: {
    vpc: { type: 'AWS::EC2::VPC' },
    subnet: { type: 'AWS::EC2::Subnet' },
    'security-group': { type: 'AWS::EC2::SecurityGroup' },
    instance: { type: 'AWS::EC2::Instance' },
    volume: { type: 'AWS::EC2::Volume' },
    natgateway: { type: 'AWS::EC2::NatGateway' },
    'internet-gateway': { type: 'AWS::EC2::InternetGateway' },
    'egress-only-internet-gateway': { type: 'AWS::EC2::EgressOnlyInternetGateway' },
    'route-table': { type: 'AWS::EC2::RouteTable' },
    'network-interface': { type: 'AWS::EC2::NetworkInterface' },
    'network-acl': { type: 'AWS::EC2::NetworkAcl' },
    'elastic-ip': { type: 'AWS::EC2::EIP' },
    'vpc-endpoint': { type: 'AWS::EC2::VPCEndpoint' },
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
    snapshot: { type: 'AWS::EC2::Snapshot' },
    image: { type: 'AWS::EC2::Image' },
  },
};

/** Every type an ARN can be mapped to: the types that may reach a snapshot without a describe. */
export const ARN_TYPES: readonly string[] = [
  ...new Set([...Object.values(ARN_SHAPES).flatMap((heads) => Object.values(heads).map((s) => s.type)), 'AWS::ElasticLoadBalancing::LoadBalancer']),
].sort();
