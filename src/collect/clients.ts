// AWS SDK v3 clients, one per service, account and region, all sharing: credentials
// (default chain, --profile, or AssumeRole into the account's role), adaptive retries
// with bounded attempts, connection and attempt timeouts, an optional endpoint override,
// and a middleware that counts every HTTP attempt (deserialize step, inside the retry
// loop). Adaptive mode gives every client (so every service, account and region) its own
// client-side rate limiter that slows down on throttling answers; retry delays honour
// Retry-After.
import { ACMClient } from '@aws-sdk/client-acm';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EKSClient } from '@aws-sdk/client-eks';
import { ECSClient } from '@aws-sdk/client-ecs';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { ShieldClient } from '@aws-sdk/client-shield';
import { BackupClient } from '@aws-sdk/client-backup';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { PricingClient } from '@aws-sdk/client-pricing';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import * as sqsSdk from '@aws-sdk/client-sqs';
import * as snsSdk from '@aws-sdk/client-sns';
import * as logsSdk from '@aws-sdk/client-cloudwatch-logs';
import * as cloudwatchSdk from '@aws-sdk/client-cloudwatch';
import * as route53Sdk from '@aws-sdk/client-route-53';
import * as elasticacheSdk from '@aws-sdk/client-elasticache';
import * as dynamodbSdk from '@aws-sdk/client-dynamodb';
import * as secretsmanagerSdk from '@aws-sdk/client-secrets-manager';
import * as cloudtrailSdk from '@aws-sdk/client-cloudtrail';
import * as acmSdk from '@aws-sdk/client-acm';
import * as ecrSdk from '@aws-sdk/client-ecr';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import * as autoscalingSdk from '@aws-sdk/client-auto-scaling';
import * as eksSdk from '@aws-sdk/client-eks';
import * as cloudfrontSdk from '@aws-sdk/client-cloudfront';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import * as schedulerSdk from '@aws-sdk/client-scheduler';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { DEFAULT_TIMEOUTS, type Timeouts, withDeadline } from './timeouts.js';

export const CLIENTS = {
  tagging: ResourceGroupsTaggingAPIClient,
  iam: IAMClient,
  sts: STSClient,
  config: ConfigServiceClient,
  s3: S3Client,
  sqs: SQSClient,
  sns: SNSClient,
  logs: CloudWatchLogsClient,
  ec2: EC2Client,
  rds: RDSClient,
  dynamodb: DynamoDBClient,
  elbv2: ElasticLoadBalancingV2Client,
  kms: KMSClient,
  cloudwatch: CloudWatchClient,
  route53: Route53Client,
  elasticache: ElastiCacheClient,
  ce: CostExplorerClient,
  pricing: PricingClient,
  secretsmanager: SecretsManagerClient,
  cloudtrail: CloudTrailClient,
  acm: ACMClient,
  ecr: ECRClient,
  lambda: LambdaClient,
  autoscaling: AutoScalingClient,
  eks: EKSClient,
  wafv2: WAFV2Client,
  cloudfront: CloudFrontClient,
  shield: ShieldClient,
  backup: BackupClient,
  ecs: ECSClient,
  apigateway: APIGatewayClient,
  scheduler: SchedulerClient,
} as const;
export type ServiceKey = keyof typeof CLIENTS;

/** The SDK modules of the services the catalogue's generic collector calls: commands by operation name. */
const COMMAND_MODULES: Partial<Record<ServiceKey, Record<string, unknown>>> = {
  sqs: sqsSdk,
  sns: snsSdk,
  logs: logsSdk,
  cloudwatch: cloudwatchSdk,
  route53: route53Sdk,
  elasticache: elasticacheSdk,
  dynamodb: dynamodbSdk,
  secretsmanager: secretsmanagerSdk,
  cloudtrail: cloudtrailSdk,
  acm: acmSdk,
  ecr: ecrSdk,
  lambda: lambdaSdk,
  autoscaling: autoscalingSdk,
  eks: eksSdk,
  cloudfront: cloudfrontSdk,
  scheduler: schedulerSdk,
};

/** `new <Operation>Command(input)` of a service's SDK module. */
export function commandFor(service: ServiceKey, operation: string, input: object): unknown {
  const Ctor = COMMAND_MODULES[service]?.[`${operation}Command`] as (new (input: object) => unknown) | undefined;
  if (!Ctor) throw new Error(`collect: no ${operation}Command for ${service} (src/collect/clients.ts COMMAND_MODULES)`);
  return new Ctor(input);
}
export type ClientOf<S extends ServiceKey> = InstanceType<(typeof CLIENTS)[S]>;

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialProvider = () => Promise<AwsCredentials>;

/** Receives one count per HTTP attempt: ('s3', 'GetBucketPolicy'). */
export type CallCounter = (service: string, operation: string) => void;

export interface ClientSettings {
  endpoint?: string;
  /** Endpoints of single services, before `endpoint` (the Price List API beside an emulator). */
  serviceEndpoints?: Partial<Record<ServiceKey, string>>;
  profile?: string;
  maxAttempts: number;
  /** Connection, attempt and call limits (DEFAULT_TIMEOUTS when absent). */
  timeouts?: Timeouts;
  count: CallCounter;
  /**
   * Waits until the operation may be sent (rate buckets, see Pacer.admit). Called for
   * every attempt, retries included: the SDK retries inside the client, so pacing only
   * the first attempt would let retries exceed an API's documented rate.
   */
  admit?: (opKey: string, accountId: string, region: string) => Promise<void>;
  /** Test seam: a plugin applied to every client (e.g. to add emulator headers). */
  plugin?: { applyToStack(stack: unknown): void };
  /** Test seam: base credentials instead of the SDK default chain. */
  credentials?: CredentialProvider;
  /** Role credentials assumed by a parent thread (workers.ts), used until they near expiry. */
  assumed?: Readonly<Record<string, AwsCredentials>>;
}

interface StackLike {
  add(mw: (next: (a: unknown) => Promise<unknown>, ctx: { commandName?: string }) => (a: unknown) => Promise<unknown>, o: object): void;
}

function countingPlugin(service: string, count: CallCounter) {
  return {
    applyToStack(stack: StackLike) {
      stack.add(
        (next, context) => async (args) => {
          count(service, (context.commandName ?? 'Unknown').replace(/Command$/, ''));
          return next(args);
        },
        { step: 'deserialize', name: 'envgateCountCalls', priority: 'low' },
      );
    },
  };
}

/** Runs `admit` before each attempt (inside the SDK's retry loop, like the counter). */
function pacingPlugin(service: string, accountId: string, region: string, admit: NonNullable<ClientSettings['admit']>) {
  return {
    applyToStack(stack: StackLike) {
      stack.add(
        (next, context) => async (args) => {
          await admit(`${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`, accountId, region);
          return next(args);
        },
        { step: 'deserialize', name: 'envgatePace', priority: 'low' },
      );
    },
  };
}

/** Builds and caches clients; AssumeRole credentials are fetched once per account and refreshed before expiry. */
export class ClientPool {
  private readonly clients = new Map<string, unknown>();
  private readonly creds = new Map<string, CredentialProvider>();
  private readonly assumedCache = new Map<string, AwsCredentials>();
  private readonly base: CredentialProvider;
  readonly timeouts: Timeouts;

  constructor(private readonly settings: ClientSettings) {
    this.timeouts = settings.timeouts ?? DEFAULT_TIMEOUTS;
    this.base =
      settings.credentials ??
      (settings.profile ? fromIni({ profile: settings.profile }) : fromNodeProviderChain()) as CredentialProvider;
  }

  get<S extends ServiceKey>(service: S, accountId: string, region: string, roleArn?: string): ClientOf<S> {
    const key = `${service}/${accountId}/${region}`;
    const hit = this.clients.get(key);
    if (hit) return hit as ClientOf<S>;
    const Ctor = CLIENTS[service] as unknown as new (cfg: object) => ClientOf<S>;
    const client = new Ctor({
      region,
      credentials: this.credentialsFor(accountId, roleArn),
      maxAttempts: this.settings.maxAttempts,
      retryMode: 'adaptive',
      requestHandler: {
        connectionTimeout: this.timeouts.connectMs,
        requestTimeout: this.timeouts.attemptMs,
        throwOnRequestTimeout: true,
        socketTimeout: this.timeouts.attemptMs,
      },
      ...(this.endpointOf(service) ? { endpoint: this.endpointOf(service) } : {}),
      // Emulators and custom endpoints cannot resolve bucket.host names.
      ...(service === 's3' && this.usesCustomEndpoint() ? { forcePathStyle: true } : {}),
    });
    const stack = (client as unknown as { middlewareStack: StackLike & { use(p: unknown): void } }).middlewareStack;
    stack.use(countingPlugin(service, this.settings.count));
    if (this.settings.admit) stack.use(pacingPlugin(service, accountId, region, this.settings.admit));
    if (this.settings.plugin) stack.use(this.settings.plugin);
    this.clients.set(key, client);
    return client;
  }

  private endpointOf(service: ServiceKey): string | undefined {
    return this.settings.serviceEndpoints?.[service] ?? this.settings.endpoint;
  }

  private usesCustomEndpoint(): boolean {
    const env = process.env;
    return Boolean(this.settings.endpoint || env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_S3);
  }

  /** The role credentials assumed so far, by role ARN: for threads that collect with this pool's roles. */
  assumedCredentials(): Record<string, AwsCredentials> {
    return Object.fromEntries(this.assumedCache);
  }

  /** The account's credentials: the base chain, or AssumeRole into its role (STS in us-east-1 unless overridden). */
  credentialsFor(accountId: string, roleArn?: string): CredentialProvider {
    if (!roleArn) return this.base;
    const hit = this.creds.get(roleArn);
    if (hit) return hit;
    let cached: AwsCredentials | undefined = this.settings.assumed?.[roleArn];
    let pending: Promise<AwsCredentials> | undefined;
    const provider: CredentialProvider = async () => {
      const fresh = cached?.expiration ? cached.expiration.getTime() - Date.now() > 5 * 60_000 : Boolean(cached);
      if (cached && fresh) return cached;
      pending ??= (async () => {
        const sts = this.get('sts', 'base', process.env.AWS_REGION ?? 'us-east-1');
        const out = await withDeadline(this.timeouts.callMs, (abortSignal) =>
          sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: `envgate-${accountId}` }), { abortSignal }),
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
        cached = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
        this.assumedCache.set(roleArn, cached);
        return cached;
      })().finally(() => {
        pending = undefined;
      });
      return pending;
    };
    this.creds.set(roleArn, provider);
    return provider;
  }
}
