// Rule cloudfront-minimum-tls: the security policy's lowest TLS version against the spec's (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const CDN = 'AWS::CloudFront::Distribution';

ruleTester.run('cloudfront-minimum-tls', [
  {
    name: 'TLS 1.2 required: 1.2 and 1.3 pass, 1.1 and the default certificate fail',
    spec: (s) => void (production(s).cdn = { minimumTlsVersion: 1.2 }),
    resources: [
      prod(CDN, 'E1TLS12', { region: 'global', config: { minimumProtocolVersion: 'TLSv1.2_2021', minimumTlsVersion: 1.2, defaultCertificate: false } }),
      prod(CDN, 'E2TLS13', { region: 'global', config: { minimumProtocolVersion: 'TLSv1.3_2025', minimumTlsVersion: 1.3, defaultCertificate: false } }),
      prod(CDN, 'E3TLS11', { region: 'global', config: { minimumProtocolVersion: 'TLSv1.1_2016', minimumTlsVersion: 1.1, defaultCertificate: false } }),
      prod(CDN, 'E4DEFAULT', { region: 'global', config: { minimumProtocolVersion: 'TLSv1', minimumTlsVersion: 1, defaultCertificate: true } }),
    ],
    expect: { E1TLS12: 'pass', E2TLS13: 'pass', E3TLS11: 'fail', E4DEFAULT: 'fail' },
    messages: {
      E3TLS11: "AWS::CloudFront::Distribution 'E3TLS11': viewers may use TLS 1.1; production requires TLS 1.2 or later",
      E4DEFAULT: "AWS::CloudFront::Distribution 'E4DEFAULT': viewers may use TLS 1; production requires TLS 1.2 or later",
    },
  },
]);
