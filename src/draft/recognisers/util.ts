// Small helpers the recognisers share: building facts, resource-type words.
import type { Fact, HclAttr, ParsedDoc, Source, Table, TextLine, Value } from '../types.js';
import { envOfWord, plain } from '../envs.js';

export function src(u: Source): Source {
  return { doc: u.doc, line: u.line, text: u.text };
}

/** The scope a unit speaks for: its environment, or every environment. */
export function scopeOf(u: { env?: string }): string {
  return u.env ?? '*';
}

export function fact(scope: string, path: string, value: Value, source: Source, extra: Partial<Fact> = {}): Fact {
  return { scope, path, value, source: src(source), ...extra };
}

// Words documents use for resource kinds, most specific first.
const TYPE_WORDS: readonly [RegExp, string][] = [
  [/hosted zone|route ?53/i, 'AWS::Route53::HostedZone'],
  [/security groups?/i, 'AWS::EC2::SecurityGroup'],
  [/load balancers?|\balb\b|\belb\b/i, 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
  [/iam roles?/i, 'AWS::IAM::Role'],
  [/\bsubnets?\b/i, 'AWS::EC2::Subnet'],
  [/\bvpcs?\b/i, 'AWS::EC2::VPC'],
  // "volumes" plural: "higher volume" is traffic, not a disk.
  [/\bebs\b|\bvolumes\b/i, 'AWS::EC2::Volume'],
  [/\bec2\b|instances?\b/i, 'AWS::EC2::Instance'],
  [/\bs3\b|buckets?/i, 'AWS::S3::Bucket'],
  [/\bsqs\b|queues?/i, 'AWS::SQS::Queue'],
  [/\bsns\b|topics?/i, 'AWS::SNS::Topic'],
  [/dynamo ?db|(?<!route )\btables?\b/i, 'AWS::DynamoDB::Table'],
  [/\brds\b|databases?/i, 'AWS::RDS::DBInstance'],
  [/elasticache|redis|memcached/i, 'AWS::ElastiCache::CacheCluster'],
  [/log groups?|cloudwatch logs/i, 'AWS::Logs::LogGroup'],
];

/** The one resource type a label names ("S3 Buckets", "sqs"), if any. */
export function typeOfLabel(label: string): string | undefined {
  const l = plain(label).replace(/_/g, ' ');
  return TYPE_WORDS.find(([re]) => re.test(l))?.[1];
}

/** Every resource type a line names, in first-mention order. */
export function typesIn(text: string): string[] {
  const found: [number, string][] = [];
  for (const [re, type] of TYPE_WORDS) {
    const m = new RegExp(re.source, 'i').exec(text.replace(/_/g, ' '));
    if (m && !found.some(([, t]) => t === type)) found.push([m.index, type]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, t]) => t);
}

/**
 * The kinds of a vocabulary that the lines about one environment name, in first-mention
 * order: what "encrypted at rest" or "Multiple AZ deployment" covers when it names none.
 */
export function kindsNamedIn(d: ParsedDoc, env: string, vocabulary: readonly string[]): string[] {
  const kinds = d.texts.filter((t) => t.env === env).flatMap((t) => typesIn(t.text));
  return [...new Set(kinds)].filter((k) => vocabulary.includes(k));
}

/** Columns of a table whose header names an environment: index -> environment. */
export function envColumns(table: Table): Map<number, string> {
  const cols = new Map<number, string>();
  table.header.forEach((h, i) => {
    const e = envOfWord(h);
    if (e) cols.set(i, e);
  });
  return cols;
}

/** A cell's `code` spans. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

export function hclBool(a: HclAttr): boolean | undefined {
  return typeof a.value === 'boolean' ? a.value : undefined;
}

export function allText(t: TextLine): string {
  return plain(t.text);
}
