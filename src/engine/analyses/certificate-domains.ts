// certificates.domains: each listed domain has an issued ACM certificate where the
// environment runs. ACM keeps certificates per account and region, so the certificates
// looked at are those in the environment's accounts, whatever they are attributed to:
// environments sharing an account share its certificates (a wildcard certificate for
// staging and production, as documents ask). One outcome per environment and domain.
import type { Analysis, Outcome } from '../context.js';
import { gapFor } from './environment-counts.js';
import { environmentArn, environmentRef, escapePointer, resourcesOf } from './support.js';

const NONE = { type: 'object', additionalProperties: false, properties: {} };
const CERT = 'AWS::CertificateManager::Certificate';

export const certificateDomainsAnalysis: Analysis<Record<string, never>> = {
  name: 'certificate-domains',
  optionsSchema: NONE,
  run(ctx) {
    const out: Outcome[] = [];
    const certs = resourcesOf(ctx, CERT);
    for (const env of Object.keys(ctx.spec.spec.environments).sort()) {
      const e = ctx.spec.spec.environments[env]!;
      const domains = [...new Set(e.certificates?.domains ?? [])].sort();
      if (domains.length === 0) continue;
      const accounts = new Set((e.accounts ?? []).map((a) => a.id));
      const mine = certs.filter((c) => accounts.has(c.accountId));
      for (const domain of domains) {
        const named = mine.filter((c) => c.config.domainName === domain);
        const issued = named.filter((c) => c.config.status === 'ISSUED').map((c) => c.arn).sort();
        const base = { arn: environmentArn(env), resource: environmentRef(env), qualifier: domain, specPath: `/environments/${escapePointer(env)}/certificates/domains` };
        const evidence = { observed: issued.length > 0 ? issued.slice(0, 20) : named.map((c) => `${c.arn} (${String(c.config.status ?? 'status unknown')})`).sort(), expected: `an ISSUED certificate for ${domain}` };
        const gap = issued.length === 0 ? gapFor(ctx, env, CERT) : undefined;
        if (gap) out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: certificate for ${domain} not evaluated, inventory incomplete`, evidence, reason: gap });
        else if (issued.length > 0) out.push({ ...base, status: 'pass', message: `Environment ${env}: ${issued.length} issued certificate(s) for ${domain}`, evidence });
        else if (named.length > 0) out.push({ ...base, status: 'fail', message: `Environment ${env}: the certificate for ${domain} is not issued (${[...new Set(named.map((c) => String(c.config.status ?? 'status unknown')))].sort().join(', ')}); ${env} requires an issued one`, evidence });
        else out.push({ ...base, status: 'fail', message: `Environment ${env}: no ACM certificate for ${domain} in its accounts; ${env} requires an issued one`, evidence });
      }
    }
    return out;
  },
};
