// Which resource types carry each relation kind, so rules that read a kind inbound
// know whose records to index.

/**
 * Relation kind -> the resource types whose records carry it, for rules reading it
 * inbound (rules/*.yaml `inbound:`); a rules test keeps every such kind listed here.
 */
export const INBOUND_SOURCES: Readonly<Record<string, readonly string[]>> = {
  monitors: ['AWS::CloudWatch::Alarm'],
  'logs-to': ['AWS::ApiGateway::Stage', 'AWS::CloudFront::Distribution', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::S3::Bucket'],
  filters: ['AWS::WAFv2::WebACL'],
  protects: ['AWS::Shield::Protection'],
  'delivers-logs-of': ['AWS::Logs::DeliverySource'],
  schedules: ['AWS::Scheduler::Schedule'],
  'snapshot-of': ['AWS::EC2::Snapshot', 'AWS::RDS::DBSnapshot'],
};
