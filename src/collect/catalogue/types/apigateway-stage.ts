// API Gateway REST API stages: GetRestApis (paged by position), then GetStages per API
// (one answer with every stage of the API). The API's endpoint types say whether its
// stages are reachable from the internet (EDGE, REGIONAL) or only through VPC endpoints
// (PRIVATE). Code of its own (sources/apigateway.ts): one listing of APIs yields the
// stages of each. API Gateway authorises every read as apigateway:GET on the resource path.
import { bool, list, nullable, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const API_STAGE = 'AWS::ApiGateway::Stage';

/** A stage's short id: `<restApiId>/<stageName>` (stage names repeat across APIs). */
export const stageId = (rest: string): string => rest.replace('/stages/', '/');

const GET = ['apigateway:GET'];

export const apigatewayStage: ResourceDescriptor = {
  type: API_STAGE,
  service: 'apigateway',
  scope: 'regional',
  configType: API_STAGE,
  // arn:aws:apigateway:<region>::/restapis/<id>/stages/<name> (no account; the REST API itself is /restapis/<id>).
  arn: { service: 'apigateway', head: 'restapis', id: stageId },
  relations: ['logs-to'],
  config: obj({
    restApiId: str,
    apiName: str,
    stageName: str,
    endpointTypes: strs,
    internetFacing: bool,
    deploymentId: str,
    webAclArn: nullable(str),
    accessLogging: obj({ enabled: bool, destinationArn: str, format: str }),
    tracingEnabled: bool,
    cacheClusterEnabled: bool,
    clientCertificateId: nullable(str),
    methodSettings: list(obj({ path: str, loggingLevel: str, metricsEnabled: bool, dataTraceEnabled: bool })),
  }),
  calls: [
    { operation: 'GetRestApis', per: 'list', pageMax: 500, actions: GET, feeds: ['restApiId', 'apiName', 'endpointTypes', 'internetFacing'] },
    // The stages themselves: made for every listed API whenever stages are wanted.
    {
      operation: 'GetStages',
      per: 'list',
      actions: GET,
      feeds: ['stageName', 'deploymentId', 'webAclArn', 'accessLogging', 'tracingEnabled', 'cacheClusterEnabled', 'clientCertificateId', 'methodSettings'],
      relations: ['logs-to'],
      when: 'once per REST API (not paged: one answer holds all its stages)',
    },
  ],
  collect: { source: 'apigateway' },
};
