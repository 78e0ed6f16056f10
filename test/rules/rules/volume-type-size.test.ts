// Rule volume-type-size: compliant and violating EBS volumes (through the rule tester).
import { prod, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const VOL = 'AWS::EC2::Volume';
const vol = (name: string, volumeType: string, sizeGiB: number) => prod(VOL, name, { config: { volumeType, sizeGiB } });

ruleTester.run('volume-type-size', [
  {
    name: 'type and both bounds: each failure says what it saw',
    spec: (s) => void (production(s).storage = { volumeTypes: ['gp3'], volumeSizeGiB: { min: 100, max: 200 } }),
    resources: [
      vol('vol-ok', 'gp3', 100),
      vol('vol-top', 'gp3', 200),
      vol('vol-gp2', 'gp2', 100),
      vol('vol-small', 'gp3', 99),
      vol('vol-big', 'gp3', 201),
      // Staging sets no storage requirement: no result.
      res(VOL, 'vol-stg', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { volumeType: 'io1', sizeGiB: 1 } }),
    ],
    expect: { 'vol-ok': 'pass', 'vol-top': 'pass', 'vol-gp2': 'fail', 'vol-small': 'fail', 'vol-big': 'fail', 'vol-stg': 'none' },
    messages: {
      'vol-gp2': "AWS::EC2::Volume 'vol-gp2': volume type gp2; production allows gp3",
      'vol-small': "AWS::EC2::Volume 'vol-small': size 99 GiB; production requires at least 100 GiB",
      'vol-big': "AWS::EC2::Volume 'vol-big': size 201 GiB; production requires at most 200 GiB",
    },
  },
  {
    name: 'only a maximum: any type, any size up to it',
    spec: (s) => void (production(s).storage = { volumeSizeGiB: { max: 20 } }),
    resources: [vol('vol-20', 'gp2', 20), vol('vol-8', 'st1', 8), vol('vol-21', 'gp2', 21)],
    expect: { 'vol-20': 'pass', 'vol-8': 'pass', 'vol-21': 'fail' },
  },
  {
    name: 'only snapshot encryption set: volumes are not checked',
    spec: (s) => void (production(s).storage = { snapshotEncryption: true }),
    resources: [vol('vol-any', 'gp2', 5000)],
    expect: { 'vol-any': 'none' },
  },
]);
