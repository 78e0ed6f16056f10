// A loopback HTTP proxy in front of moto that injects faults (moto has none): AWS error
// answers in each protocol's own body (JSON, query, EC2 query, REST-XML for S3 and
// Route 53), throttling, 5xx, connections that hang or drop, and AccessDenied per
// service. A fault function sees each signed AWS request and returns a fault, or
// undefined to forward it. Usage:
//   const proxy = await startFaultProxy(moto.endpoint, chaos({ seed: 1, throttle: 0.3 }));
//   ... point clients at proxy.endpoint ...; proxy.counts; await proxy.stop();
import { createServer, request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface InjectedFault {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** Hold the request open and never answer (until stop), or close the connection unanswered. */
export type ConnectionFault = 'hang' | 'drop';

export type Protocol = 'json' | 'rest-json' | 'query' | 'ec2' | 'rest-xml';

/** What the proxy knows of a request before forwarding it. */
export interface RequestInfo {
  /** envgate's service key ('s3', 'tagging', 'elbv2', ...), from the SigV4 credential scope. */
  service: string;
  /** Operation from X-Amz-Target or Action=; for REST protocols the method and path. */
  operation: string;
  protocol: Protocol;
}

export type FaultFn = (req: IncomingMessage, info: RequestInfo) => InjectedFault | ConnectionFault | undefined;

export interface FaultProxy {
  endpoint: string;
  /** Requests answered with a fault so far (any kind). */
  faults: number;
  /** Faults by kind: an error code, 'hang' or 'drop'. */
  counts: Record<string, number>;
  /** Requests forwarded to moto. */
  forwarded: number;
  stop(): Promise<void>;
}

/** SigV4 signing names that differ from envgate's service keys. */
const SIGNING_NAMES: Record<string, string> = { monitoring: 'cloudwatch', elasticloadbalancing: 'elbv2' };

/** REST services that answer errors as JSON (the others, S3 and Route 53, as XML). */
const REST_JSON = new Set(['lambda', 'eks', 'apigateway']);

export function requestInfo(req: IncomingMessage, body: string): RequestInfo | undefined {
  const auth = String(req.headers.authorization ?? '');
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth);
  if (!scope) return undefined; // not a signed AWS call (e.g. /moto-api)
  const service = SIGNING_NAMES[scope[1]!] ?? scope[1]!;
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return { service, operation: target.split('.').pop()!, protocol: 'json' };
  const action = /(?:^|&)Action=([A-Za-z0-9]+)/.exec(body)?.[1];
  if (action) return { service, operation: action, protocol: service === 'ec2' ? 'ec2' : 'query' };
  return { service, operation: `${req.method} ${(req.url ?? '').split('?')[0]}`, protocol: REST_JSON.has(service) ? 'rest-json' : 'rest-xml' };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An AWS error answer as the request's protocol writes it, so the SDK parses the code. */
export function awsError(req: IncomingMessage, info: RequestInfo, status: number, code: string, message: string, headers: Record<string, string> = {}): InjectedFault {
  const id = 'fault-proxy';
  switch (info.protocol) {
    case 'json':
      return {
        status,
        contentType: String(req.headers['content-type'] ?? 'application/x-amz-json-1.1'),
        body: JSON.stringify({ __type: code, message }),
        headers: { 'x-amzn-errortype': code, ...headers },
      };
    case 'rest-json':
      return { status, contentType: 'application/json', body: JSON.stringify({ message }), headers: { 'x-amzn-errortype': code, ...headers } };
    case 'ec2':
      return {
        status,
        contentType: 'text/xml',
        body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`,
        headers,
      };
    case 'query':
      return {
        status,
        contentType: 'text/xml',
        body: `<ErrorResponse><Error><Type>Sender</Type><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
        headers,
      };
    case 'rest-xml':
      // S3 answers a bare <Error>; Route 53 wraps it in <ErrorResponse>.
      return {
        status,
        contentType: 'application/xml',
        body:
          info.service === 's3'
            ? `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${xml(code)}</Code><Message>${xml(message)}</Message><RequestId>${id}</RequestId></Error>`
            : `<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
        headers,
      };
  }
}

/** Each protocol's throttling answer (codes the SDK classifies as throttling). */
export function throttling(req: IncomingMessage, info: RequestInfo, retryAfterSeconds?: number): InjectedFault {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  if (info.service === 's3') return awsError(req, info, 503, 'SlowDown', 'Please reduce your request rate.', headers);
  if (info.protocol === 'ec2') return awsError(req, info, 503, 'RequestLimitExceeded', 'Request limit exceeded.', headers);
  if (info.protocol === 'json') return awsError(req, info, 400, 'ThrottlingException', 'Rate exceeded', headers);
  if (info.protocol === 'rest-json') return awsError(req, info, 429, 'TooManyRequestsException', 'Rate exceeded', headers);
  return awsError(req, info, 400, 'Throttling', 'Rate exceeded', headers);
}

export function serverError(req: IncomingMessage, info: RequestInfo): InjectedFault {
  if (info.service === 's3') return awsError(req, info, 500, 'InternalError', 'We encountered an internal error. Please try again.');
  return awsError(req, info, 503, 'ServiceUnavailable', 'Service is unavailable');
}

/** Each protocol's access-denied answer. */
export function accessDenied(req: IncomingMessage, info: RequestInfo): InjectedFault {
  const message = `User is not authorized to perform ${info.operation}`;
  if (info.protocol === 'json') return awsError(req, info, 400, 'AccessDeniedException', message);
  if (info.protocol === 'rest-json') return awsError(req, info, 403, 'AccessDeniedException', message);
  if (info.protocol === 'ec2') return awsError(req, info, 403, 'UnauthorizedOperation', message);
  return awsError(req, info, 403, 'AccessDenied', message);
}

/** AccessDenied for every call to one service (envgate's key: 'tagging', 's3', 'ec2', ...). */
export function denyService(service: string): FaultFn {
  return (req, info) => (info.service === service ? accessDenied(req, info) : undefined);
}

/** Throttling for every call to one service: retries run out, so each call ends as an error. */
export function throttleService(service: string): FaultFn {
  return (req, info) => (info.service === service ? throttling(req, info) : undefined);
}

/**
 * AWS Config as a source that fails: the recorder answers say it records every type (moto
 * has none recording, and its SelectResourceConfig is a stub), and the query that would
 * serve the buckets is denied.
 */
export function configQueryDenied(): FaultFn {
  const json = (body: unknown): InjectedFault => ({ status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) });
  return (req, info) => {
    if (info.service !== 'config') return undefined;
    if (info.operation === 'DescribeConfigurationRecorders') return json({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true } }] });
    if (info.operation === 'DescribeConfigurationRecorderStatus') return json({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
    return accessDenied(req, info);
  };
}

/** JSON-protocol services (DynamoDB, ...): AccessDenied for every request whose X-Amz-Target starts with `prefix`. */
export function denyJsonTarget(prefix: string): FaultFn {
  return (req, info) => (String(req.headers['x-amz-target'] ?? '').startsWith(prefix) ? accessDenied(req, info) : undefined);
}

export interface ChaosRates {
  seed: number;
  /** Shares of requests, each drawn independently in this order. */
  throttle?: number;
  serverError?: number;
  hang?: number;
  drop?: number;
  /** Seconds sent as Retry-After with throttling answers. */
  retryAfterSeconds?: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same sequence of draws. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random faults at the given rates, one draw per request from a seeded sequence. */
export function chaos(rates: ChaosRates): FaultFn {
  const next = seededRandom(rates.seed);
  return (req, info) => {
    const x = next();
    let edge = rates.hang ?? 0;
    if (x < edge) return 'hang';
    if (x < (edge += rates.drop ?? 0)) return 'drop';
    if (x < (edge += rates.serverError ?? 0)) return serverError(req, info);
    if (x < (edge += rates.throttle ?? 0)) return throttling(req, info, rates.retryAfterSeconds);
    return undefined;
  };
}

export async function startFaultProxy(upstream: string, fault: FaultFn): Promise<FaultProxy> {
  const up = new URL(upstream);
  const state = { faults: 0, forwarded: 0, counts: {} as Record<string, number> };
  const sockets = new Set<Socket>();
  const tally = (kind: string) => {
    state.faults++;
    state.counts[kind] = (state.counts[kind] ?? 0) + 1;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const info = requestInfo(req, body.toString('utf8'));
      const f = info ? fault(req, info) : undefined;
      if (f === 'hang') return tally('hang'); // answered never; stop() closes the socket
      if (f === 'drop') {
        tally('drop');
        req.socket.destroy();
        return;
      }
      if (f) {
        tally(/<Code>([^<]+)<\/Code>|"__type":"([^"]+)"/.exec(f.body)?.slice(1).find(Boolean) ?? String(f.status));
        res.writeHead(f.status, { 'content-type': f.contentType, 'x-amzn-requestid': 'fault-proxy', ...f.headers });
        res.end(f.body);
        return;
      }
      state.forwarded++;
      const fwd = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      fwd.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      fwd.end(body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get faults() {
      return state.faults;
    },
    get forwarded() {
      return state.forwarded;
    },
    get counts() {
      return { ...state.counts };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
