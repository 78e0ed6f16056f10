// API Gateway REST API stages (catalogue/types/apigateway-stage.ts): one paged GetRestApis
// (position/limit), then GetStages for each API. A stage takes the API's endpoint types;
// its web ACL, access log destination and settings come from GetStages.
import { GetRestApisCommand, GetStagesCommand, type GetRestApisCommandOutput, type RestApi, type Stage } from '@aws-sdk/client-api-gateway';
import type { Relation } from '../../model/snapshot.js';
import { canonicalArn, partitionOf } from '../arn.js';
import { API_STAGE } from '../catalogue/types/apigateway-stage.js';
import type { Session, Target } from '../session.js';

/** arn:<partition>:apigateway:<region>::/restapis/<id>/stages/<name> (API Gateway ARNs carry no account). */
export const stageArn = (region: string, apiId: string, stageName: string): string => `arn:${partitionOf(region)}:apigateway:${region}::/restapis/${apiId}/stages/${stageName}`;

/** The stage's config and relations from its API and GetStages' answer. */
export function stageConfig(api: RestApi, st: Stage): { config: Record<string, unknown>; relations: Relation[] } {
  const endpointTypes = [...(api.endpointConfiguration?.types ?? [])].sort();
  const destination = st.accessLogSettings?.destinationArn ? canonicalArn(st.accessLogSettings.destinationArn) : undefined;
  const config: Record<string, unknown> = {
    restApiId: api.id,
    ...(api.name ? { apiName: api.name } : {}),
    stageName: st.stageName,
    endpointTypes,
    // A private API answers only through interface VPC endpoints; EDGE and REGIONAL ones have a public name.
    internetFacing: endpointTypes.some((e) => e !== 'PRIVATE'),
    ...(st.deploymentId ? { deploymentId: st.deploymentId } : {}),
    webAclArn: st.webAclArn ? st.webAclArn : null,
    accessLogging: destination
      ? { enabled: true, destinationArn: destination, ...(st.accessLogSettings?.format ? { format: st.accessLogSettings.format } : {}) }
      : { enabled: false },
    tracingEnabled: st.tracingEnabled === true,
    cacheClusterEnabled: st.cacheClusterEnabled === true,
    clientCertificateId: st.clientCertificateId ? st.clientCertificateId : null,
    // Keyed by "<resource path>/<HTTP method>" ("*/*": every method); sorted for a stable snapshot.
    methodSettings: Object.entries(st.methodSettings ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, m]) => ({
        path,
        ...(m.loggingLevel ? { loggingLevel: m.loggingLevel } : {}),
        metricsEnabled: m.metricsEnabled === true,
        dataTraceEnabled: m.dataTraceEnabled === true,
      })),
  };
  return { config, relations: destination ? [{ kind: 'logs-to', target: destination }] : [] };
}

export async function collectApiGateway(s: Session, t: Target): Promise<void> {
  if (!s.wantsType(API_STAGE)) return;
  const apis: RestApi[] = [];
  const listed = await s.paginate(
    t,
    'apigateway',
    'GetRestApis',
    [API_STAGE],
    (c, position) => c.send(new GetRestApisCommand({ limit: s.page(500), ...(position ? { position } : {}) })),
    (p: GetRestApisCommandOutput) => ((p.items ?? []).length > 0 ? p.position || undefined : undefined),
    (p) => void apis.push(...(p.items ?? []).filter((a) => a.id)),
  );
  apis.sort((a, b) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));
  // The stages are complete when the APIs were and every API's stages were read.
  const perApi = await Promise.all(
    apis.map(async (api) => {
      const restApiId = api.id!;
      const apiArn = `arn:${partitionOf(t.region)}:apigateway:${t.region}::/restapis/${restApiId}`;
      const answer = await s.must(t, 'apigateway', 'GetStages', [API_STAGE], (c) => c.send(new GetStagesCommand({ restApiId })), apiArn);
      if (!answer) return false;
      for (const st of answer.item ?? []) {
        if (!st.stageName) continue;
        const { config, relations } = stageConfig(api, st);
        const name = `${api.name ?? restApiId}/${st.stageName}`;
        s.upsert({ accountId: t.accountId, region: t.region, arn: stageArn(t.region, restApiId, st.stageName), type: API_STAGE, id: `${restApiId}/${st.stageName}`, name, tags: { ...(st.tags ?? {}) }, config, relations });
      }
      return true;
    }),
  );
  if (listed && perApi.every(Boolean)) s.addCoverage(t, 'describe', [API_STAGE]);
}
