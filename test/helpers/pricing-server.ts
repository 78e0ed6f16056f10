// A loopback stand-in for the AWS Price List API (moto does not serve it). It speaks the
// API's protocol as the AWS API reference gives it: AWS JSON 1.1 (POST /, X-Amz-Target
// AWSPriceListService.GetProducts, application/x-amz-json-1.1), answers
// { FormatVersion, PriceList: [JSON strings], NextToken } and errors as
// { __type, message } with status 400. Products are matched by TERM_MATCH filters on their
// attributes; pages hold `pageSize` products; `throttleFirst` answers that many calls
// with ThrottlingException first.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeProduct {
  serviceCode: string;
  attributes: Record<string, string>;
  /** USD per hour, as the API writes it ('0.0118000000'). */
  usd: string;
  sku: string;
}

export interface PricingServer {
  endpoint: string;
  /** Every GetProducts request body received, in order. */
  requests: { ServiceCode: string; Filters?: { Type: string; Field: string; Value: string }[]; NextToken?: string; MaxResults?: number }[];
  close(): Promise<void>;
}

/** One PriceList entry as GetProducts returns it: the product, its on-demand term and price dimension. */
export function priceListEntry(p: FakeProduct): string {
  const term = `${p.sku}.JRTCKXETXF`;
  return JSON.stringify({
    product: { productFamily: p.attributes.productFamily ?? 'Compute Instance', attributes: p.attributes, sku: p.sku },
    serviceCode: p.serviceCode,
    terms: {
      OnDemand: {
        [term]: {
          priceDimensions: {
            [`${term}.6YS6EN2CT7`]: {
              unit: 'Hrs',
              endRange: 'Inf',
              description: `$${p.usd} per On Demand hour`,
              appliesTo: [],
              rateCode: `${term}.6YS6EN2CT7`,
              beginRange: '0',
              pricePerUnit: { USD: p.usd },
            },
          },
          sku: p.sku,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

export async function startPricingServer(products: FakeProduct[], opts: { pageSize?: number; throttleFirst?: number } = {}): Promise<PricingServer> {
  const pageSize = opts.pageSize ?? 100;
  let throttle = opts.throttleFirst ?? 0;
  const requests: PricingServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${requests.length}` });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-amz-target'] !== 'AWSPriceListService.GetProducts') {
        return send(400, { __type: 'InvalidParameterException', message: `unsupported target ${String(req.headers['x-amz-target'])}` });
      }
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PricingServer['requests'][number];
      requests.push(input);
      if (throttle > 0) {
        throttle--;
        return send(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
      }
      const matching = products.filter(
        (p) => p.serviceCode === input.ServiceCode && (input.Filters ?? []).every((f) => f.Type === 'TERM_MATCH' && p.attributes[f.Field] === f.Value),
      );
      const start = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
      const size = Math.min(pageSize, input.MaxResults ?? pageSize);
      const page = matching.slice(start, start + size);
      const next = start + size < matching.length ? `page-${start + size}` : undefined;
      send(200, { FormatVersion: 'aws_v1', PriceList: page.map(priceListEntry), ...(next ? { NextToken: next } : {}) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
