// Rule certificate-expiry: days from the scan's time (NOW = 2025-01-01) to NotAfter.
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const CERT = 'AWS::CertificateManager::Certificate';
const cert = (name: string, config: object) => prod(CERT, name, { config: { domainName: name, certificateType: 'AMAZON_ISSUED', issuer: 'Amazon', inUseBy: [], ...config } });

ruleTester.run('certificate-expiry', [
  {
    name: 'far enough passes; too soon, expired fails; never issued passes; unknown expiry is not evaluated',
    spec: (s) => void (production(s).certificates = { minDaysToExpiry: 30 }),
    resources: [
      cert('far.example.com', { status: 'ISSUED', notAfter: '2025-06-01T00:00:00.000Z' }),
      cert('edge.example.com', { status: 'ISSUED', notAfter: '2025-01-31T00:00:00.000Z' }),
      cert('soon.example.com', { status: 'ISSUED', notAfter: '2025-01-30T23:00:00.000Z' }),
      cert('old.example.com', { status: 'EXPIRED', notAfter: '2024-12-15T00:00:00.000Z' }),
      cert('pending.example.com', { status: 'PENDING_VALIDATION' }),
      cert('unknown.example.com', { status: 'ISSUED' }),
    ],
    expect: { 'far.example.com': 'pass', 'edge.example.com': 'pass', 'soon.example.com': 'fail', 'old.example.com': 'fail', 'pending.example.com': 'pass', 'unknown.example.com': 'not-evaluated' },
    messages: {
      'far.example.com': "AWS::CertificateManager::Certificate 'far.example.com': expires on 2025-06-01, 151 days after the scan",
      'soon.example.com': "AWS::CertificateManager::Certificate 'soon.example.com': expires on 2025-01-30, 29 days after the scan; production requires at least 30 days",
      'old.example.com': "AWS::CertificateManager::Certificate 'old.example.com': expired on 2024-12-15; production requires at least 30 days",
      'pending.example.com': "AWS::CertificateManager::Certificate 'pending.example.com': not issued (PENDING_VALIDATION), no expiry",
    },
  },
]);
