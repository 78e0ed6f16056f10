// A loopback HTTP proxy in front of moto that answers chosen requests with an AWS error
// (moto has no fault injection). `deny(req)` returns an error to send, or undefined to
// forward. Usage: const proxy = await startFaultProxy(moto.endpoint, denyDynamoDb); ...
// proxy.endpoint; await proxy.stop().
import { createServer, request, type IncomingMessage } from 'node:http';

export interface InjectedFault {
  status: number;
  contentType: string;
  body: string;
}

export interface FaultProxy {
  endpoint: string;
  /** Requests answered with a fault so far. */
  faults: number;
  stop(): Promise<void>;
}

/** JSON-protocol services (DynamoDB, ...): AccessDenied for every request whose X-Amz-Target starts with `prefix`. */
export function denyJsonTarget(prefix: string): (req: IncomingMessage) => InjectedFault | undefined {
  return (req) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (!target.startsWith(prefix)) return undefined;
    const op = target.split('.').pop();
    return {
      status: 400,
      contentType: 'application/x-amz-json-1.0',
      body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message: `User is not authorized to perform ${op}` }),
    };
  };
}

export async function startFaultProxy(upstream: string, fault: (req: IncomingMessage) => InjectedFault | undefined): Promise<FaultProxy> {
  const up = new URL(upstream);
  const state = { faults: 0 };
  const server = createServer((req, res) => {
    const f = fault(req);
    if (f) {
      state.faults++;
      req.resume();
      res.writeHead(f.status, { 'content-type': f.contentType, 'x-amzn-requestid': 'fault-proxy' });
      res.end(f.body);
      return;
    }
    const fwd = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    fwd.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get faults() {
      return state.faults;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
