// A moto_server (AWS API emulator) per test file, on a free loopback port.
//
// API (keep it small; other suites use it):
//   const moto = await startMoto({ env?: { INITIAL_NO_AUTH_ACTION_COUNT: '5' } });
//   moto.endpoint                      'http://127.0.0.1:PORT'
//   await moto.reset()                 clear all emulator state (call in beforeEach)
//   await moto.seed(42)                make generated ids repeatable
//   await moto.stop()                  kill the server (call in afterAll)
//   motoClientConfig(moto, { accountId?, region? })
//                                      SDK v3 client config: endpoint, region, fake
//                                      credentials, path-style S3, and (for accountId)
//                                      middleware adding `x-moto-account-id`, which
//                                      selects the emulated account (default 123456789012).
//   await moto.queueCostAndUsage(results, accountId?)   what Cost Explorer GetCostAndUsage
//                                      returns next in that account (moto caches the answer
//                                      per request body, so one result per distinct query)
//
// When moto_server is not installed, startMoto throws: emulator tests must fail, not skip.
// A second account can also be reached the way collection does it: STS AssumeRole into
// arn:aws:iam::ACCOUNT:role/X returns credentials that moto maps to ACCOUNT.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const MOTO_MISSING = "moto_server not found: install with python3 -m pip install 'moto[server]'";
export const DEFAULT_ACCOUNT = '123456789012';

export interface Moto {
  endpoint: string;
  port: number;
  reset(): Promise<void>;
  seed(n: number): Promise<void>;
  stop(): Promise<void>;
  queueCostAndUsage(results: unknown[], accountId?: string): Promise<void>;
}

/** A port the OS says is free right now (bind to 0, read it back, release it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function motoCommand(): string[] {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  if (!probe.error && probe.status === 0) return ['moto_server'];
  const py = spawnSync('python3', ['-c', 'import moto.server, flask'], { stdio: 'ignore' });
  if (!py.error && py.status === 0) return ['python3', '-m', 'moto.server'];
  throw new Error(MOTO_MISSING);
}

async function post(url: string, body?: string): Promise<Response> {
  const res = await fetch(url, { method: 'POST', body, headers: body ? { 'content-type': 'application/json' } : {} });
  if (!res.ok) throw new Error(`moto ${url}: HTTP ${res.status}`);
  return res;
}

export async function startMoto(opts: { env?: Record<string, string> } = {}): Promise<Moto> {
  const [cmd, ...pre] = motoCommand();
  // A port can be taken between probe and bind; try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    // moto logs every request to stderr. A file, not a pipe: a test blocked in spawnSync
    // (the CLI run synchronously) cannot drain a pipe, and moto stops when the pipe is full.
    const logDir = mkdtempSync(path.join(tmpdir(), 'envgate-moto-'));
    const logFd = openSync(path.join(logDir, 'stderr.log'), 'w');
    const child = spawn(cmd!, [...pre, '-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'ignore', logFd],
      env: { ...process.env, ...opts.env },
    });
    closeSync(logFd);
    child.once('exit', () => rmSync(logDir, { recursive: true, force: true }));
    const endpoint = `http://127.0.0.1:${port}`;
    if (await waitUntilUp(endpoint, child)) return handle(endpoint, port, child);
    const stderr = readFileSync(path.join(logDir, 'stderr.log'), 'utf8').slice(-4000);
    child.kill('SIGKILL');
    if (!/address already in use/i.test(stderr)) throw new Error(`moto_server did not start on ${endpoint}: ${stderr}`);
  }
  throw new Error('moto_server: no free port after 5 attempts');
}

async function waitUntilUp(endpoint: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function handle(endpoint: string, port: number, child: ChildProcess): Moto {
  return {
    endpoint,
    port,
    reset: async () => void (await post(`${endpoint}/moto-api/reset`)),
    seed: async (n) => void (await post(`${endpoint}/moto-api/seed?a=${n}`)),
    queueCostAndUsage: async (results, accountId = DEFAULT_ACCOUNT) =>
      void (await post(`${endpoint}/moto-api/static/ce/cost-and-usage-results`, JSON.stringify({ results, account_id: accountId }))),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Minimal structural type of an SDK v3 middleware stack (avoids importing smithy types). */
interface StackLike {
  add(mw: (next: (a: unknown) => Promise<unknown>) => (a: unknown) => Promise<unknown>, o: object): void;
}

/** Adds `x-moto-account-id` to every request of a client so moto serves that account. */
export function motoAccountMiddleware(accountId: string) {
  return {
    applyToStack(stack: StackLike) {
      stack.add(
        (next) => async (args) => {
          const req = (args as { request?: { headers?: Record<string, string> } }).request;
          if (req?.headers) req.headers['x-moto-account-id'] = accountId;
          return next(args);
        },
        { step: 'build', name: 'motoAccountId' },
      );
    },
  };
}

export interface MotoClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  maxAttempts: number;
}

/**
 * Client config for moto. Pass the result to `new XClient(cfg)`; for another account,
 * also `client.middlewareStack.use(motoAccountMiddleware(accountId))` or use `withAccount`.
 */
export function motoClientConfig(moto: Pick<Moto, 'endpoint'>, opts: { region?: string } = {}): MotoClientConfig {
  return {
    endpoint: moto.endpoint,
    region: opts.region ?? 'us-east-1',
    credentials: { accessKeyId: 'AKIAEXAMPLEMOTO00000', secretAccessKey: 'moto-fake-secret' },
    forcePathStyle: true,
    maxAttempts: 1,
  };
}

/** Convenience: `withAccount(new SQSClient(motoClientConfig(moto)), '111111111111')`. */
export function withAccount<C extends { middlewareStack: { use(p: unknown): void } }>(client: C, accountId: string): C {
  client.middlewareStack.use(motoAccountMiddleware(accountId));
  return client;
}

/**
 * Fake credentials and a region in the environment, for code that uses the SDK's default
 * chain (the CLI). Call from beforeAll; undo with vi.unstubAllEnvs(). Nothing leaves loopback.
 */
export function stubFakeAwsEnv(stub: (name: string, value: string) => unknown, region: string): void {
  stub('AWS_ACCESS_KEY_ID', 'AKIAFAKEFAKEFAKE0000');
  stub('AWS_SECRET_ACCESS_KEY', 'fake');
  stub('AWS_REGION', region);
}
