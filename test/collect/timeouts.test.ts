// Calls that cannot complete end: a loopback server that never answers, or throttles
// forever, gives a collection error naming the operation, account and region within the
// configured limits; Retry-After is honoured between attempts. No emulator needed.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { DEFAULT_TIMEOUTS, resolveTimeouts, type Timeouts } from '../../src/collect/timeouts.js';
import { InputError } from '../../src/model/diagnostics.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { fakeCredentials } from './spec-fixture.js';

describe('resolveTimeouts', () => {
  it('takes the CLI option, else the environment variable, else the default (seconds)', () => {
    expect(resolveTimeouts({}, {})).toEqual({ connectMs: 5_000, attemptMs: 30_000, callMs: 120_000 });
    expect(DEFAULT_TIMEOUTS).toEqual({ connectMs: 5_000, attemptMs: 30_000, callMs: 120_000 });
    expect(resolveTimeouts({}, { ENVGATE_CONNECT_TIMEOUT: '2', ENVGATE_ATTEMPT_TIMEOUT: '0.5', ENVGATE_CALL_TIMEOUT: '10' })).toEqual({ connectMs: 2_000, attemptMs: 500, callMs: 10_000 });
    expect(resolveTimeouts({ 'call-timeout': '7' }, { ENVGATE_CALL_TIMEOUT: '10' }).callMs).toBe(7_000);
  });

  it('keeps one attempt within the call deadline', () => {
    expect(resolveTimeouts({ 'call-timeout': '3' }, {})).toEqual({ connectMs: 5_000, attemptMs: 3_000, callMs: 3_000 });
  });

  it('refuses a value that is not a positive number of seconds, naming where it came from', () => {
    for (const [args, env, where] of [
      [{ 'attempt-timeout': 'soon' }, {}, '--attempt-timeout'],
      [{}, { ENVGATE_CALL_TIMEOUT: '0' }, 'ENVGATE_CALL_TIMEOUT'],
      [{ 'connect-timeout': '-1' }, {}, '--connect-timeout'],
    ] as const) {
      let err: unknown;
      try {
        resolveTimeouts(args, env);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).diagnostics).toEqual([expect.objectContaining({ file: where, code: 'bad-timeout' })]);
    }
  });
});

describe('the time-limit options', () => {
  // A loopback endpoint, so even a regression that collected first would stay on this machine.
  it('exit 2 before any AWS call, naming the option or variable, on inventory and scan', async () => {
    const spec = 'fixtures/mht-api/envgate.yaml';
    for (const [argv, env, where] of [
      [['inventory', '--spec', spec, '--endpoint', 'http://127.0.0.1:9', '--call-timeout', 'soon'], {}, "--call-timeout 'soon'"],
      [['scan', '--spec', spec, '--endpoint', 'http://127.0.0.1:9', '--out', '-', '--format', 'json'], { ENVGATE_ATTEMPT_TIMEOUT: '-3' }, "ENVGATE_ATTEMPT_TIMEOUT '-3'"],
    ] as const) {
      const out = memoryOutput();
      expect(await main([...argv], { ...env }, out)).toBe(EXIT.input);
      expect(out.stderr.join('\n')).toContain(`${where} is not a number of seconds`);
    }
  });
});

describe('calls that cannot complete', () => {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });

  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => handler(req, res));
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }

  function session(endpoint: string, timeouts: Timeouts, maxAttempts = 4) {
    const pool = new ClientPool({ endpoint, maxAttempts, timeouts, credentials: fakeCredentials, count: () => undefined });
    return new Session(pool, new Pacer(2));
  }
  const target = { accountId: '123456789012', region: 'eu-west-1' };
  const listQueues = (s: Session) => s.must(target, 'sqs', 'ListQueues', ['AWS::SQS::Queue'], (c) => c.send(new ListQueuesCommand({})));

  it('a server that never answers: each attempt times out, and the call ends as an error naming operation, account and region', async () => {
    let requests = 0;
    const endpoint = await serve(() => void requests++); // never answers
    const s = session(endpoint, { connectMs: 1_000, attemptMs: 300, callMs: 5_000 }, 3);
    const started = Date.now();
    expect(await listQueues(s)).toBeUndefined();
    const ms = Date.now() - started;
    expect(requests).toBe(3); // every attempt was tried, each cut at 300 ms
    expect(ms).toBeLessThan(5_000);
    expect(s.errors).toEqual([expect.objectContaining({ service: 'sqs', operation: 'ListQueues', accountId: '123456789012', region: 'eu-west-1', affects: ['AWS::SQS::Queue'] })]);
    expect(s.errors[0]!.code).toBe('TimeoutError');
  });

  it('endless throttling ends at the call deadline, retries included', async () => {
    const endpoint = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'retry-after': '1' });
      res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
    });
    const s = session(endpoint, { connectMs: 1_000, attemptMs: 1_000, callMs: 1_500 }, 50);
    const started = Date.now();
    expect(await listQueues(s)).toBeUndefined();
    const ms = Date.now() - started;
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(3_000);
    expect(s.errors).toEqual([expect.objectContaining({ service: 'sqs', operation: 'ListQueues', code: 'CallTimeout', accountId: '123456789012', region: 'eu-west-1' })]);
    expect(s.errors[0]!.message).toContain('1.5 s');
  });

  it('waits as long as Retry-After asks before retrying a throttled call', async () => {
    const arrivals: number[] = [];
    const endpoint = await serve((_req, res) => {
      arrivals.push(Date.now());
      if (arrivals.length === 1) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'retry-after': '1' });
        res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ QueueUrls: [] }));
    });
    const s = session(endpoint, { connectMs: 1_000, attemptMs: 2_000, callMs: 10_000 });
    expect(await listQueues(s)).toMatchObject({ QueueUrls: [] });
    expect(s.errors).toEqual([]);
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
  });
});
