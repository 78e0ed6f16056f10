// ARN -> CloudFormation type, against ARN shapes as the AWS documentation writes them
// (service authorization reference, "Resource types defined by ..." tables).
import { describe, expect, it } from 'vitest';
import { typeOfArn } from '../../src/collect/arn.js';

const CASES: [string, string, string][] = [
  ['arn:aws:s3:::mht-api-staging-logs', 'AWS::S3::Bucket', 'mht-api-staging-logs'],
  ['arn:aws:sqs:us-east-1:123456789012:orders-queue', 'AWS::SQS::Queue', 'orders-queue'],
  ['arn:aws:sns:us-east-1:123456789012:alerts', 'AWS::SNS::Topic', 'alerts'],
  ['arn:aws:sns:us-east-1:123456789012:alerts:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55', 'AWS::SNS::Subscription', 'alerts:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55'],
  ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/api:*', 'AWS::Logs::LogGroup', '/aws/lambda/api'],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/Books', 'AWS::DynamoDB::Table', 'Books'],
  ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'AWS::KMS::Key', '1234abcd-12ab-34cd-56ef-1234567890ab'],
  ['arn:aws:kms:us-east-1:123456789012:alias/app-key', 'AWS::KMS::Alias', 'app-key'],
  ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high', 'AWS::CloudWatch::Alarm', 'cpu-high'],
  ['arn:aws:route53:::hostedzone/Z1D633PJN98FT9', 'AWS::Route53::HostedZone', 'Z1D633PJN98FT9'],
  ['arn:aws:lambda:us-east-1:123456789012:function:my-function', 'AWS::Lambda::Function', 'my-function'],
  ['arn:aws:lambda:us-east-1:123456789012:function:my-function:PROD', 'AWS::Lambda::Function', 'my-function'],
  ['arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-a1b2c3', 'AWS::SecretsManager::Secret', 'MySecret-a1b2c3'],
  ['arn:aws:ecs:us-east-1:123456789012:cluster/my-cluster', 'AWS::ECS::Cluster', 'my-cluster'],
  ['arn:aws:ecs:us-east-1:123456789012:service/my-cluster/my-service', 'AWS::ECS::Service', 'my-service'],
  ['arn:aws:ecs:us-east-1:123456789012:task-definition/web:3', 'AWS::ECS::TaskDefinition', 'web:3'],
  ['arn:aws:ecr:us-east-1:123456789012:repository/project-a/nginx', 'AWS::ECR::Repository', 'project-a/nginx'],
  ['arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE', 'AWS::CloudFront::Distribution', 'EDFDVBD6EXAMPLE'],
  ['arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5', 'AWS::ApiGateway::RestApi', 'a1b2c3d4e5'],
  ['arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/deployments/d1', 'AWS::ApiGateway::RestApi', 'a1b2c3d4e5'],
  ['arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod', 'AWS::ApiGateway::Stage', 'a1b2c3d4e5/prod'],
  ['arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5', 'AWS::ApiGatewayV2::Api', 'a1b2c3d4e5'],
  ['arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld', 'AWS::StepFunctions::StateMachine', 'HelloWorld'],
  ['arn:aws:events:us-east-1:123456789012:rule/nightly', 'AWS::Events::Rule', 'nightly'],
  ['arn:aws:events:us-east-1:123456789012:event-bus/orders', 'AWS::Events::EventBus', 'orders'],
  ['arn:aws:kinesis:us-east-1:123456789012:stream/clicks', 'AWS::Kinesis::Stream', 'clicks'],
  ['arn:aws:firehose:us-east-1:123456789012:deliverystream/to-s3', 'AWS::KinesisFirehose::DeliveryStream', 'to-s3'],
  ['arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-01234567', 'AWS::EFS::FileSystem', 'fs-01234567'],
  ['arn:aws:es:us-east-1:123456789012:domain/search', 'AWS::OpenSearchService::Domain', 'search'],
  ['arn:aws:ssm:us-east-1:123456789012:parameter/app/db-url', 'AWS::SSM::Parameter', 'app/db-url'],
  ['arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012', 'AWS::CertificateManager::Certificate', '12345678-1234-1234-1234-123456789012'],
  ['arn:aws:eks:us-east-1:123456789012:cluster/prod', 'AWS::EKS::Cluster', 'prod'],
  ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:8ab9c4a1-1111-2222-3333-444455556666:autoScalingGroupName/web-asg', 'AWS::AutoScaling::AutoScalingGroup', 'web-asg'],
  ['arn:aws:rds:us-east-1:123456789012:db:mydb', 'AWS::RDS::DBInstance', 'mydb'],
  ['arn:aws:rds:us-east-1:123456789012:cluster:aurora-1', 'AWS::RDS::DBCluster', 'aurora-1'],
  ['arn:aws:rds:us-east-1:123456789012:subgrp:default', 'AWS::RDS::DBSubnetGroup', 'default'],
  ['arn:aws:elasticache:us-east-1:123456789012:cluster:my-redis', 'AWS::ElastiCache::CacheCluster', 'my-redis'],
  ['arn:aws:elasticache:us-east-1:123456789012:replicationgroup:my-rg', 'AWS::ElastiCache::ReplicationGroup', 'my-rg'],
  ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/my-alb/50dc6c495c0c9188', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'app/my-alb/50dc6c495c0c9188'],
  ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/my-nlb/50dc6c495c0c9188', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'net/my-nlb/50dc6c495c0c9188'],
  ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/my-classic-lb', 'AWS::ElasticLoadBalancing::LoadBalancer', 'my-classic-lb'],
  ['arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/my-targets/73e2d6bc24d8a067', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'my-targets/73e2d6bc24d8a067'],
  ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0e9801d129EXAMPLE', 'AWS::EC2::VPC', 'vpc-0e9801d129EXAMPLE'],
  ['arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0', 'AWS::EC2::Instance', 'i-1234567890abcdef0'],
  ['arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-0123456789abcdef0', 'AWS::EC2::EIP', 'eipalloc-0123456789abcdef0'],
  ['arn:aws:ec2:us-east-1:123456789012:transit-gateway/tgw-0123456789abcdef0', 'AWS::EC2::TransitGateway', 'tgw-0123456789abcdef0'],
  ['arn:aws:iam::123456789012:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing', 'AWS::IAM::Role', 'AWSServiceRoleForElasticLoadBalancing'],
  ['arn:aws-cn:s3:::cn-bucket', 'AWS::S3::Bucket', 'cn-bucket'],
  ['arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', 'AWS::WAFv2::WebACL', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'],
  ['arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222', 'AWS::WAFv2::WebACL', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE22222'],
  ['arn:aws:wafv2:us-east-1:123456789012:regional/ipset/office/a1b2c3d4-5678-90ab-cdef-EXAMPLE33333', 'AWS::WAFv2::IPSet', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE33333'],
  ['arn:aws:wafv2:us-east-1:123456789012:regional/rulegroup/bots/a1b2c3d4-5678-90ab-cdef-EXAMPLE44444', 'AWS::WAFv2::RuleGroup', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE44444'],
  ['arn:aws:shield::123456789012:protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE55555', 'AWS::Shield::Protection', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE55555'],
];

describe('typeOfArn', () => {
  it.each(CASES)('%s is %s', (arn, type, id) => {
    expect(typeOfArn(arn)).toEqual({ type, id });
  });

  it('leaves out what is not a resource of its own', () => {
    expect(typeOfArn('arn:aws:s3:::bucket/key.txt')).toBeUndefined();
    expect(typeOfArn('arn:aws:dynamodb:us-east-1:123456789012:table/Books/stream/2015-05-11T21:21:33.291')).toBeUndefined();
    expect(typeOfArn('not-an-arn')).toBeUndefined();
  });

  it('names a shape outside the table generically', () => {
    expect(typeOfArn('arn:aws:braket:us-east-1:123456789012:quantum-task/abc')).toEqual({ type: 'AWS::Braket::QuantumTask', id: 'abc' });
  });
});
