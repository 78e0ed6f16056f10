// The moto set-up most emulator suites share: one server for the file, reset before each
// test, stopped after; and a collection session against it that pages one item at a time
// and counts the calls it makes.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { fakeCredentials } from '../collect/spec-fixture.js';
import { startMoto, type Moto } from './moto.js';

export interface MotoSuite {
  /** The file's server (set once beforeAll ran). */
  readonly moto: Moto;
  /** A session with pageCap 1; its calls land in `calls`, emptied by each new session. */
  session(): Session;
  /** `service:Operation` -> calls made by the latest session. */
  readonly calls: Record<string, number>;
}

/** Registers the hooks; call at the top of a describe block. */
export function motoSuite(): MotoSuite {
  let moto: Moto | undefined;
  let calls: Record<string, number> = {};
  beforeAll(async () => {
    moto = await startMoto();
  });
  beforeEach(async () => {
    await moto!.reset();
  });
  afterAll(async () => {
    await moto?.stop();
  });
  const count = (service: string, operation: string) => void (calls[`${service}:${operation}`] = (calls[`${service}:${operation}`] ?? 0) + 1);
  return {
    get moto() {
      return moto!;
    },
    get calls() {
      return calls;
    },
    session() {
      calls = {};
      const s = new Session(new ClientPool({ maxAttempts: 1, count, credentials: fakeCredentials, endpoint: moto!.endpoint }), new Pacer(2));
      s.pageCap = 1;
      return s;
    },
  };
}
