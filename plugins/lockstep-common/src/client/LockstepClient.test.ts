import { ResponseError } from '@backstage/errors';
import { LockstepClient } from './LockstepClient';

function clientAnswering(status: number, body: unknown) {
  const calls: string[] = [];
  const requests: Array<{ method: string; body?: unknown }> = [];
  const client = new LockstepClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: {
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push(url);
        requests.push({
          method: init?.method ?? 'GET',
          body: init?.body ? JSON.parse(String(init.body)) : undefined,
        });
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      }) as typeof fetch,
    },
  });
  return { client, calls, requests };
}

describe('LockstepClient', () => {
  it('calls the lockstep plugin through discovery and returns the body', async () => {
    const { client, calls } = clientAnswering(200, { status: 'ok' });
    await expect(client.getHealth()).resolves.toEqual({ status: 'ok' });
    expect(calls).toEqual(['http://backstage.test/api/lockstep/health']);
  });

  it('sends graph queries as the query string the backend expects', async () => {
    const { client, calls } = clientAnswering(200, {
      root: 'component:default/a',
    });
    await client.getGraph({
      entityRef: 'component:default/a',
      direction: 'upstream',
      depth: 0,
      relations: ['dependsOn', 'partOf'],
      kinds: ['Component'],
      maxNodes: 2000,
    });
    const url = new URL(calls[0]);
    expect(url.pathname).toBe('/api/lockstep/graph');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'component:default/a',
      direction: 'upstream',
      depth: '0',
      relations: 'dependsOn,partOf',
      kinds: 'Component',
      maxNodes: '2000',
    });
  });

  it('turns an error response into a ResponseError carrying the backend error as its cause', async () => {
    const { client } = clientAnswering(503, {
      error: {
        name: 'ServiceUnavailableError',
        message: 'catalog not indexed yet',
      },
      response: { statusCode: 503 },
    });
    const error = await client.getHealth().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
    expect(error.cause).toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'catalog not indexed yet',
    });
  });

  it('addresses readiness by kind/namespace/name and sends bodies as JSON', async () => {
    const { client, calls, requests } = clientAnswering(200, {});
    await client.getReadiness('Component:default/Payment-Gateway');
    await client.signOff('component:default/payment-gateway', {
      gateId: 'security-review',
      version: '2.4.0',
    });
    await client.revokeSignOff(
      'component:default/payment-gateway',
      'security/review',
      'Found a leak',
    );
    await client.getReadinessBoard({
      owner: 'group:default/payments',
      status: ['blocked', 'not-ready'],
    });
    expect(calls).toEqual([
      'http://backstage.test/api/lockstep/readiness/component/default/payment-gateway',
      'http://backstage.test/api/lockstep/readiness/component/default/payment-gateway/signoffs',
      'http://backstage.test/api/lockstep/readiness/component/default/payment-gateway/signoffs/security%2Freview',
      'http://backstage.test/api/lockstep/readiness?owner=group%3Adefault%2Fpayments&status=blocked%2Cnot-ready',
    ]);
    expect(requests.map(r => r.method)).toEqual([
      'GET',
      'POST',
      'DELETE',
      'GET',
    ]);
    expect(requests[1].body).toEqual({
      gateId: 'security-review',
      version: '2.4.0',
    });
    expect(requests[2].body).toEqual({ comment: 'Found a leak' });
  });

  it('asks for the policies of an entity, with an environment to dry-run only when one is given', async () => {
    const { client, calls } = clientAnswering(200, {});
    await client.getPolicies();
    await client.getEntityPolicies('Component:default/Payment-Gateway');
    await client.getEntityPolicies(
      'component:default/payment-gateway',
      ' eu prod ',
    );
    expect(calls).toEqual([
      'http://backstage.test/api/lockstep/policies',
      'http://backstage.test/api/lockstep/policies/component/default/payment-gateway',
      'http://backstage.test/api/lockstep/policies/component/default/payment-gateway?environment=eu+prod',
    ]);
  });
});
