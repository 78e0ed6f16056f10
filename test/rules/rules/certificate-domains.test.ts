// Rule certificate-domains: an issued ACM certificate per listed domain in the
// environment's accounts (through the rule tester; results are per environment and domain).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError } from '../../../src/model/snapshot.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, res, snapshot } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const CERT = 'AWS::CertificateManager::Certificate';

ruleTester.run('certificate-domains', [
  {
    name: 'an issued certificate for the domain passes',
    spec: (s) => void (production(s).certificates = { domains: ['*.example.com'] }),
    resources: [prod(CERT, 'wildcard', { config: { domainName: '*.example.com', status: 'ISSUED' } })],
    expect: { production: 'pass' },
    messages: { production: 'Environment production: 1 issued certificate(s) for *.example.com' },
  },
  {
    name: 'a certificate still pending validation fails, naming its status',
    spec: (s) => void (production(s).certificates = { domains: ['shop.example.com'] }),
    resources: [prod(CERT, 'shop', { config: { domainName: 'shop.example.com', status: 'PENDING_VALIDATION' } })],
    expect: { production: 'fail' },
    messages: { production: 'Environment production: the certificate for shop.example.com is not issued (PENDING_VALIDATION); production requires an issued one' },
  },
  {
    name: 'only the exact domain counts: a wildcard does not stand for the apex, nor another account for this one',
    spec: (s) => void (production(s).certificates = { domains: ['example.com'] }),
    resources: [
      prod(CERT, 'wildcard', { config: { domainName: '*.example.com', status: 'ISSUED' } }),
      res(CERT, 'elsewhere', { accountId: '222222222222', tags: { Environment: 'staging' }, config: { domainName: 'example.com', status: 'ISSUED' } }),
    ],
    expect: { production: 'fail', staging: 'none' },
    messages: { production: 'Environment production: no ACM certificate for example.com in its accounts; production requires an issued one' },
  },
  {
    name: "a certificate in the environment's account counts whatever it is attributed to (a shared wildcard)",
    spec: (s) => void (production(s).certificates = { domains: ['*.example.com'] }),
    resources: [res(CERT, 'shared', { accountId: '111111111111', config: { domainName: '*.example.com', status: 'ISSUED' } })],
    expect: { production: 'pass' },
  },
]);

describe('certificate-domains over several domains', () => {
  it('gives one result per domain, sorted, and not-evaluated when certificates could not be listed', () => {
    const rule = loadRules().find((r) => r.meta.id === 'certificate-domains')!;
    const spec = baseSpec();
    production(spec).certificates = { domains: ['www.example.com', 'api.example.com'] };
    const errors: CollectionError[] = [{ service: 'acm', operation: 'ListCertificates', code: 'AccessDenied', message: 'denied', accountId: '111111111111', region: 'us-east-1', affects: [CERT] }];
    const certs = [prod(CERT, 'api', { config: { domainName: 'api.example.com', status: 'ISSUED' } })];
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(certs, { errors }), rules: [rule], now: NOW });
    expect(ev.results.map((r) => [r.status, r.message])).toEqual([
      ['pass', 'Environment production: 1 issued certificate(s) for api.example.com'],
      ['not-evaluated', 'Environment production: certificate for www.example.com not evaluated, inventory incomplete'],
    ]);
  });
});
