// Rule s3-intelligent-tiering: an archive configuration or a lifecycle transition to
// INTELLIGENT_TIERING (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const BUCKET = 'AWS::S3::Bucket';
const rule = (id: string, enabled: boolean, storageClass: string) => ({ id, enabled, transitions: [{ days: 30, storageClass }] });
const none = { enabled: false, ids: [] };

ruleTester.run('s3-intelligent-tiering', [
  {
    name: 'an enabled archive configuration or an enabled transition to INTELLIGENT_TIERING passes; other classes and disabled rules fail',
    spec: (s) => void (production(s).storage = { s3IntelligentTiering: ['*'] }),
    resources: [
      prod(BUCKET, 'archive', { config: { intelligentTiering: { enabled: true, ids: ['archive-90'] }, lifecycle: { rules: [] } } }),
      prod(BUCKET, 'moved', { config: { intelligentTiering: none, lifecycle: { rules: [rule('to-it', true, 'INTELLIGENT_TIERING')] } } }),
      prod(BUCKET, 'glacier', { config: { intelligentTiering: none, lifecycle: { rules: [rule('to-glacier', true, 'GLACIER')] } } }),
      prod(BUCKET, 'disabled', { config: { intelligentTiering: none, lifecycle: { rules: [rule('to-it', false, 'INTELLIGENT_TIERING')] } } }),
    ],
    expect: { archive: 'pass', moved: 'pass', glacier: 'fail', disabled: 'fail' },
    messages: { glacier: "AWS::S3::Bucket 'glacier': no Intelligent-Tiering configuration and no lifecycle transition to INTELLIGENT_TIERING; production requires Intelligent-Tiering" },
  },
  {
    name: 'only the buckets the patterns name are judged',
    spec: (s) => void (production(s).storage = { s3IntelligentTiering: ['app-*'] }),
    resources: [
      prod(BUCKET, 'app-storage', { config: { intelligentTiering: none, lifecycle: { rules: [] } } }),
      prod(BUCKET, 'state', { config: { intelligentTiering: none, lifecycle: { rules: [] } } }),
    ],
    expect: { 'app-storage': 'fail', state: 'none' },
  },
]);
