import { Entity } from '@backstage/catalog-model';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { httpFactCheck } from './httpFactCheck';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', namespace: 'default' },
};

/** A real HTTP server with facts per entity path. */
let server: http.Server;
let base: string;
const requested: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    requested.push(req.url!);
    const facts: Record<string, unknown> = {
      '/facts/component/default/cart-service': {
        coverage: { lines: 0.82 },
        incidents: 0,
        scan: 'clean',
      },
    };
    if (req.url === '/broken') {
      res.writeHead(500).end();
      return;
    }
    const body = facts[req.url!];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise(resolve => server.close(resolve)));

const run = (params: Record<string, unknown>) =>
  httpFactCheck.evaluate({
    entity,
    params: httpFactCheck.parseParams({
      url: `${base}/facts/{kind}/{namespace}/{name}`,
      ...params,
    }),
    getEntity: async () => undefined,
  });

describe('http-fact check', () => {
  it('reads the fact of the entity and compares it with bounds or a value', async () => {
    expect(await run({ path: 'coverage.lines', min: 0.8 })).toEqual({
      passed: true,
      detail: 'coverage.lines = 0.82',
    });
    expect(await run({ path: 'coverage.lines', min: 0.9 })).toEqual({
      passed: false,
      detail: 'coverage.lines = 0.82; expected at least 0.9',
    });
    expect(await run({ path: 'incidents', max: 0 })).toMatchObject({
      passed: true,
    });
    expect(await run({ path: 'scan', equals: 'clean' })).toMatchObject({
      passed: true,
    });
    expect(await run({ path: 'scan', min: 1 })).toEqual({
      passed: false,
      detail: 'scan = "clean"; expected a number',
    });
    expect(await run({ path: 'nothing', equals: true })).toMatchObject({
      passed: false,
    });
    expect(requested.at(-1)).toBe('/facts/component/default/cart-service');
  });

  it('fails when there are no facts, and throws (an error state) when the source is broken', async () => {
    const missing = await httpFactCheck.evaluate({
      entity: { ...entity, metadata: { name: 'other' } },
      params: httpFactCheck.parseParams({
        url: `${base}/facts/{kind}/{namespace}/{name}`,
        path: 'x',
        equals: 1,
      }),
      getEntity: async () => undefined,
    });
    expect(missing.detail).toMatch(/^No facts for this entity at/);
    await expect(
      httpFactCheck.evaluate({
        entity,
        params: httpFactCheck.parseParams({
          url: `${base}/broken`,
          path: 'x',
          equals: 1,
        }),
        getEntity: async () => undefined,
      }),
    ).rejects.toThrow(/answered 500/);
  });

  it('rejects params without a comparison or with a bad URL', () => {
    expect(() =>
      httpFactCheck.parseParams({ url: `${base}/x`, path: 'a' }),
    ).toThrow(/give equals, min or max/);
    expect(() =>
      httpFactCheck.parseParams({ url: 'not a url', path: 'a', equals: 1 }),
    ).toThrow(/params\.url/);
  });
});
