import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import authPlugin from '@backstage/plugin-auth-backend';
import { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  sampleReadinessConfig,
  startSampleCatalogBackend,
} from '../../__testUtils__/sampleCatalog';
import { bearerFor, testTokensModule } from '../../__testUtils__/testTokens';
import { PERSONA_REFS, Persona } from './draft';
import { Targets } from './routes';

const SERVICE_TOKEN = 'lockstep-fuzz-pipeline-token';

/** The backend the bad requests go to, with the valid requests they aim at. */
export interface FuzzBackend {
  server: Server;
  stop: () => Promise<void>;
  /** `Bearer ...` of each persona. */
  tokens: Partial<Record<Persona, string>>;
  createRequest(
    who: Persona,
    entity: string,
    environment: string,
  ): Promise<string>;
  /** A pending production request of payment-gateway past its first stage: Rachel may decide. */
  makePending(): Promise<string>;
  signOffSecurityReview(): Promise<unknown>;
  /**
   * Valid requests, so that bad ones can aim at ids that exist: a pending production request past
   * its first stage, a pending staging request, and a cancelled one.
   */
  makeTargets(): Promise<Targets>;
  /** The targets, a sign-off to revoke, and stored readiness of what bad requests aim at. */
  prepare(): Promise<Targets>;
}

/** A real backend with the real catalog and real user tokens, on `knex`. */
export async function startFuzzBackend(knex: Knex): Promise<FuzzBackend> {
  const started = await startSampleCatalogBackend({
    lockstepDatabase: knex,
    features: [
      authPlugin,
      testTokensModule,
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
    ],
    authorization: s => bearerFor(s, 'user:default/grace.kim'),
    externalAccess: [
      {
        type: 'static',
        options: { token: SERVICE_TOKEN, subject: 'fuzz-pipeline' },
      },
    ],
    // no scheduled evaluation while the fuzzing runs: it would rewrite the readiness tables
    readiness: {
      ...sampleReadinessConfig(),
      schedule: {
        frequency: { hours: 24 },
        timeout: { minutes: 10 },
        initialDelay: { hours: 24 },
      },
    },
  });
  const server = started.server;

  const tokens: Partial<Record<Persona, string>> = {
    service: `Bearer ${SERVICE_TOKEN}`,
  };
  for (const [persona, ref] of Object.entries(PERSONA_REFS)) {
    tokens[persona as Persona] = await bearerFor(server, ref);
  }

  const as = (persona: Persona) => tokens[persona]!;
  const expectStatus = async (
    what: string,
    call: request.Test,
    status: number,
  ) => {
    const response = await call;
    if (response.status !== status) {
      throw new Error(
        `Setup: ${what} answered ${
          response.status
        }, not ${status}: ${response.text.slice(0, 500)}`,
      );
    }
    return response.body;
  };

  const createRequest = async (
    who: Persona,
    entity: string,
    environment: string,
  ): Promise<string> =>
    (
      await expectStatus(
        `creating a request for ${entity}`,
        request(server)
          .post('/api/lockstep/approvals')
          .set('Authorization', as(who))
          .send({
            entityRef: `component:default/${entity}`,
            title: `Release ${entity} 1.0.0`,
            environment,
            version: '1.0.0',
          }),
        201,
      )
    ).id;
  const makePending = async () => {
    const id = await createRequest('priya', 'payment-gateway', 'production');
    await expectStatus(
      'the owner approving',
      request(server)
        .post(`/api/lockstep/approvals/${id}/decisions`)
        .set('Authorization', as('marcus'))
        .send({ decision: 'approve', comment: 'owner approves' }),
      200,
    );
    return id;
  };
  const signOffSecurityReview = () =>
    expectStatus(
      'a security sign-off',
      request(server)
        .post(
          '/api/lockstep/readiness/component/default/ledger-service/signoffs',
        )
        .set('Authorization', as('rachel'))
        .send({ gateId: 'security-review', comment: 'reviewed' }),
      200,
    );
  const makeTargets = async (): Promise<Targets> => {
    const pending = await makePending();
    const pendingToCancel = await createRequest(
      'daniel',
      'cart-service',
      'staging',
    );
    const cancelled = await createRequest(
      'priya',
      'checkout-service',
      'staging',
    );
    await expectStatus(
      'the requester cancelling',
      request(server)
        .post(`/api/lockstep/approvals/${cancelled}/cancel`)
        .set('Authorization', as('priya'))
        .send({ comment: 'not this one' }),
      200,
    );
    return { pending, pendingToCancel, cancelled };
  };
  const prepare = async () => {
    const targets = await makeTargets();
    await signOffSecurityReview();
    // Readiness is evaluated on first read and stored: read what bad requests aim at first.
    for (const ref of [
      'component/default/ledger-service',
      'component/default/payment-gateway',
      'component/default/cart-service',
      'component/default/checkout-service',
      'user/default/rachel.cohen',
    ]) {
      await expectStatus(
        `reading the readiness of ${ref}`,
        request(server)
          .get(`/api/lockstep/readiness/${ref}`)
          .set('Authorization', as('priya')),
        200,
      );
    }
    return targets;
  };

  return {
    server,
    stop: () => started.backend.stop(),
    tokens,
    createRequest,
    makePending,
    signOffSecurityReview,
    makeTargets,
    prepare,
  };
}
