// What a gate from one environment to another looks at: results involving the target
// and the parity of source against target, the target's matrix cells, costs and
// exclusions, the collection errors of both environments' accounts, and --from/--to.
import { describe, expect, it } from 'vitest';
import { checkGateEnvironments, declaresParity, gateErrors, gateEvaluation, inGate, parityPrefix } from '../../src/gate/scope.js';
import type { AccessCell, EnvironmentCost, Evaluation, ExcludedResource } from '../../src/model/result.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import type { LoadedSpec } from '../../src/model/spec.js';
import { env, spec } from '../engine/analyses/iso-access-factory.js';
import { evaluation, result } from './fixtures.js';

const loaded = (over: Parameters<typeof spec>[0] = {}): LoadedSpec => {
  const s = spec(over);
  s.environments.production!.aliases = ['prod'];
  return { spec: s, file: 'envgate.yaml', sha256: '0', positions: {} };
};
const err = (accountId: string, operation: string): CollectionError => ({ accountId, region: 'eu-west-1', service: 's3', operation, code: 'AccessDenied', message: 'denied', affects: [] });

describe('gate scope', () => {
  it('counts results involving the target, and parity of source against target only', () => {
    const rs = [
      result('r', 'arn:aws:s3:::in-prod'),
      result('r', 'arn:aws:s3:::grant-into-prod', { environment: 'staging', environments: ['production', 'staging'] }),
      result('r', 'arn:aws:s3:::stg-only', { environment: 'staging' }),
      result('parity', 'arn:aws:envgate:::parity/staging/production/versioning', { environment: null }),
      result('parity', 'arn:aws:envgate:::parity/dev/production/versioning', { environment: null }),
      result('parity', 'arn:aws:envgate:::parity/staging/productionx/versioning', { environment: null }),
    ];
    expect(parityPrefix('staging', 'production')).toBe('arn:aws:envgate:::parity/staging/production/');
    expect(rs.filter((r) => inGate(r, 'staging', 'production')).map((r) => r.resource.arn)).toEqual([
      'arn:aws:s3:::in-prod',
      'arn:aws:s3:::grant-into-prod',
      'arn:aws:envgate:::parity/staging/production/versioning',
    ]);
  });

  it("keeps the target's results, matrix cells, costs and exclusions, and unattributed exclusions", () => {
    const cell = (environment: string): AccessCell => ({ team: 'dev', environment, declared: 'read', effective: 'read', grants: [], caveats: [] });
    const cost = (environment: string) => ({ environment }) as unknown as EnvironmentCost;
    const excluded = (environment: string | null) => ({ arn: `arn:x:${environment}`, environment }) as unknown as ExcludedResource;
    const ev: Evaluation = {
      ...evaluation([result('r', 'arn:aws:s3:::in-prod'), result('r', 'arn:aws:s3:::stg', { environment: 'staging' })]),
      accessMatrix: [cell('staging'), cell('production')],
      costs: [cost('production'), cost('staging')],
      excluded: [excluded('staging'), excluded(null), excluded('production')],
    };
    const g = gateEvaluation(ev, 'staging', 'production');
    expect(g.results.map((r) => r.resource.arn)).toEqual(['arn:aws:s3:::in-prod']);
    expect(g.accessMatrix).toEqual([cell('production')]);
    expect(g.costs).toEqual([cost('production')]);
    expect(g.excluded).toEqual([excluded(null), excluded('production')]);
    // Without exclusions the evaluation gets none.
    expect('excluded' in gateEvaluation(evaluation([]), 'staging', 'production')).toBe(false);
  });

  it("takes the collection errors of both environments' accounts and the account-less ones", () => {
    const errors = [err('111111111111', 'a'), err('222222222222', 'b'), err('333333333333', 'c'), err('', 'd'), err('global', 'e')];
    expect(gateErrors(errors, loaded(), 'staging', 'production').map((e) => e.operation)).toEqual(['a', 'b', 'd', 'e']);
    const s = loaded();
    s.spec.environments.dev = env({ accounts: [{ id: '333333333333' }] });
    expect(gateErrors(errors, s, 'dev', 'production').map((e) => e.operation)).toEqual(['b', 'c', 'd', 'e']);
    // A spec naming no accounts: every error counts.
    const none = loaded();
    none.spec.environments.staging!.accounts = [];
    none.spec.environments.production!.accounts = [];
    expect(gateErrors(errors, none, 'staging', 'production').map((e) => e.operation)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('says whether the spec declares parity for exactly this direction', () => {
    const s = loaded({ parity: [{ from: 'staging', to: 'production' } as never] });
    expect([declaresParity(s, 'staging', 'production'), declaresParity(s, 'production', 'staging'), declaresParity(s, 'staging', 'dev'), declaresParity(s, 'dev', 'production'), declaresParity(loaded(), 'staging', 'production')]).toEqual([true, false, false, false, false]);
  });

  it('resolves --from and --to by name or alias, any case, and refuses the same environment twice', () => {
    expect(checkGateEnvironments(loaded(), 'Staging', 'PROD')).toEqual({ from: 'staging', to: 'production' });
    expect(() => checkGateEnvironments(loaded(), 'prod', 'production')).toThrow("--from and --to name the same environment 'production'");
  });
});
