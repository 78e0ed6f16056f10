// CloudWatch Logs delivery sources (standard logging v2) collected from the AWS emulator
// (moto 5.2.1 serves PutDeliverySource, PutDeliveryDestination, CreateDelivery and the
// two listings; it ignores `limit` and answers one page): a CloudFront distribution's
// source with a delivery to a bucket carries `delivers-logs-of`, a source without a
// delivery does not. Paging is Session.paginate's (test/collect/paging.mock.test.ts).
import { CloudWatchLogsClient, CreateDeliveryCommand, PutDeliveryDestinationCommand, PutDeliverySourceCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { DEFAULT_ACCOUNT, motoClientConfig } from '../helpers/moto.js';
import { motoSuite } from '../helpers/moto-suite.js';

const R = 'us-east-1';
const cdn = (id: string) => `arn:aws:cloudfront::${DEFAULT_ACCOUNT}:distribution/${id}`;

describe('collect log delivery sources against moto', () => {
  const suite = motoSuite();

  it('joins each source to its deliveries', async () => {
    const logs = new CloudWatchLogsClient(motoClientConfig(suite.moto, { region: R }));
    await logs.send(new PutDeliverySourceCommand({ name: 'cdn-v2', resourceArn: cdn('E3VENDED'), logType: 'ACCESS_LOGS' }));
    await logs.send(new PutDeliverySourceCommand({ name: 'cdn-idle', resourceArn: cdn('E4IDLE'), logType: 'ACCESS_LOGS' }));
    const dest = await logs.send(
      new PutDeliveryDestinationCommand({ name: 'cdn-bucket', deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::prod-cdn-logs' } }),
    );
    const delivery = await logs.send(new CreateDeliveryCommand({ deliverySourceName: 'cdn-v2', deliveryDestinationArn: dest.deliveryDestination!.arn! }));

    const s = suite.session();
    await REGIONAL_SOURCES.find((x) => x.name === 'log-deliveries')!.run(s, { accountId: DEFAULT_ACCOUNT, region: R });

    expect(s.errors).toEqual([]);
    expect(suite.calls).toEqual({ 'logs:DescribeDeliverySources': 1, 'logs:DescribeDeliveries': 1 });
    const got = [...s.resources.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(got.map((r) => [r.arn, r.type, r.name, r.region])).toEqual([
      [`arn:aws:logs:${R}:${DEFAULT_ACCOUNT}:delivery-source:cdn-idle`, 'AWS::Logs::DeliverySource', 'cdn-idle', R],
      [`arn:aws:logs:${R}:${DEFAULT_ACCOUNT}:delivery-source:cdn-v2`, 'AWS::Logs::DeliverySource', 'cdn-v2', R],
    ]);
    expect(got[0]!.config).toEqual({ service: 'cloudfront', logType: 'ACCESS_LOGS', resourceArns: [cdn('E4IDLE')], deliveries: [] });
    expect(got[0]!.relations).toEqual([]);
    expect(got[1]!.config).toEqual({
      service: 'cloudfront',
      logType: 'ACCESS_LOGS',
      resourceArns: [cdn('E3VENDED')],
      deliveries: [{ id: delivery.delivery!.id!, destinationType: 'S3', destinationArn: dest.deliveryDestination!.arn! }],
    });
    expect(got[1]!.relations).toEqual([{ kind: 'delivers-logs-of', target: cdn('E3VENDED') }]);
    expect(s.coverage).toEqual([{ accountId: DEFAULT_ACCOUNT, region: R, source: 'describe', types: ['AWS::Logs::DeliverySource'] }]);
  });
});
