// Rule certificate-issuer: the issuer matches one of certificates.issuers.
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const CERT = 'AWS::CertificateManager::Certificate';
const cert = (name: string, issuer: string) => prod(CERT, name, { config: { domainName: name, status: 'ISSUED', issuer, notAfter: '2026-01-01T00:00:00.000Z', inUseBy: [] } });

ruleTester.run('certificate-issuer', [
  {
    name: 'an allowed issuer passes, another fails',
    spec: (s) => void (production(s).certificates = { issuers: ['Amazon', 'Example Corp CA*'] }),
    resources: [cert('a.example.com', 'Amazon'), cert('b.example.com', 'Example Corp CA G2'), cert('c.example.com', "Let's Encrypt")],
    expect: { 'a.example.com': 'pass', 'b.example.com': 'pass', 'c.example.com': 'fail' },
    messages: { 'c.example.com': "AWS::CertificateManager::Certificate 'c.example.com': issuer Let's Encrypt; production allows matching Amazon or Example Corp CA*" },
  },
  {
    name: 'no issuer list, no result',
    resources: [cert('c.example.com', "Let's Encrypt")],
    expect: { 'c.example.com': 'none' },
  },
]);
