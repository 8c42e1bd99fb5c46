import type { Server } from 'node:http';
import request from 'supertest';
import {
  CARLOS,
  HANNAH,
  NINA,
  RESTRICTED,
  TOM,
} from './__testUtils__/readScopeCatalog';
import { describeReadScope, ReadScope } from './__testUtils__/readScopeBackend';

describeReadScope(
  'what a restricted caller learns, on %s',
  (scope: ReadScope) => {
    const {
      bearer,
      keep,
      get,
      post,
      del,
      refPath,
      release,
      requests,
      signals,
    } = scope;
    let server: Server;
    beforeAll(() => {
      ({ server } = scope);
    });

    it('answers a hidden request, entity or root exactly as an unknown one', async () => {
      const unknownId = '00000000-0000-4000-8000-000000000000';
      const sameAs = (
        hidden: request.Response,
        unknown: request.Response,
        a: string,
        b: string,
      ) => {
        expect(hidden.status).toBe(unknown.status);
        const blank = (text: string, ref: string) =>
          [ref, ref.includes(':') ? refPath(ref) : ref].reduce(
            (t, term) => t.split(term).join('X'),
            text,
          );
        expect(blank(hidden.text, a)).toBe(blank(unknown.text, b));
      };
      for (const [who, id, requestRef, otherRef] of [
        [
          NINA,
          requests.riskEngine,
          'component:default/risk-engine',
          'component:default/payment-gateway',
        ],
        [
          CARLOS,
          requests.riskEngine,
          'component:default/risk-engine',
          'api:default/ledger-api',
        ],
        [
          TOM,
          requests.sessionsDb,
          'resource:default/sessions-db',
          'resource:default/checkout-db',
        ],
      ]) {
        for (const route of ['', '/audit', '/wait?timeout=0']) {
          sameAs(
            await get(who, `/approvals/${id}${route}`),
            await get(who, `/approvals/${unknownId}${route}`),
            id,
            unknownId,
          );
        }
        for (const [route, body] of [
          ['/decisions', { decision: 'approve', comment: 'x' }],
          ['/cancel', {}],
        ] as const) {
          sameAs(
            await post(who, `/approvals/${id}${route}`, body),
            await post(who, `/approvals/${unknownId}${route}`, body),
            id,
            unknownId,
          );
        }
        expect(
          (await get(who, `/approvals?entityRef=${requestRef}`)).body.items,
        ).toEqual([]);
        for (const ref of [requestRef, otherRef]) {
          const unknownRef = ref.replace(/[^/]+$/, 'no-such-entity');
          for (const p of [
            (r: string) => `/graph?entityRef=${r}`,
            (r: string) => `/readiness/${refPath(r)}`,
            (r: string) => `/readiness/${refPath(r)}/history`,
          ]) {
            sameAs(
              await get(who, p(ref)),
              await get(who, p(unknownRef)),
              ref,
              unknownRef,
            );
          }
          for (const [p, body] of [
            [
              (r: string) => `/readiness/${refPath(r)}/signoffs`,
              { gateId: 'security-review' },
            ],
            [(r: string) => `/readiness/${refPath(r)}/refresh`, {}],
          ] as const) {
            sameAs(
              await post(who, p(ref), body),
              await post(who, p(unknownRef), body),
              ref,
              unknownRef,
            );
          }
          const revoke = (r: string) =>
            `/readiness/${refPath(r)}/signoffs/security-review`;
          sameAs(
            await del(who, revoke(ref), { comment: 'x' }),
            await del(who, revoke(unknownRef), { comment: 'x' }),
            ref,
            unknownRef,
          );
          // asking for a release of a hidden entity tells nothing of the request open on it
          const create = await post(
            who,
            '/approvals',
            release(ref, 'production'),
          );
          const createUnknown = await post(
            who,
            '/approvals',
            release(unknownRef, 'production'),
          );
          sameAs(create, createUnknown, ref, unknownRef);
        }
      }
    });

    it('tells only those who may read it what a request is about', async () => {
      const inbox = async (who: string) => {
        const answer = await request(server)
          .get('/api/notifications/notifications?limit=100')
          .set('Authorization', await bearer(who));
        expect(answer.status).toBe(200);
        keep(who, 'GET /api/notifications/notifications', answer);
        return answer.body.notifications as Array<{
          payload: { title: string; link?: string };
        }>;
      };
      // a co-approver who may read it is told what it is...
      expect((await inbox(HANNAH)).map(n => n.payload.title)).toContain(
        'Approval needed: Release sessions-db 1.0.0',
      );
      // ...one who may not is told nothing; one whose access is not known yet only that something waits
      expect(
        (await inbox(TOM)).filter(n => n.payload.title.startsWith('Approval')),
      ).toEqual([]);
      expect(
        (await inbox(NINA)).filter(n => n.payload.title.startsWith('Approval')),
      ).toEqual([]);
      expect((await inbox(CARLOS)).map(n => n.payload)).toContainEqual(
        expect.objectContaining({
          title: 'Approval needed',
          link: '/lockstep/approvals',
        }),
      );
    });

    it('lists, in every way of listing, only what the caller may read', async () => {
      for (const who of RESTRICTED) {
        for (const query of [
          '',
          '?pendingFor=me',
          '?state=pending',
          '?pendingFor=me&state=pending',
          '?state=approved',
        ]) {
          const listed = await get(who, `/approvals${query}`);
          expect(listed.status).toBe(200);
        }
        for (const id of Object.values(requests)) {
          await get(who, `/approvals/${id}`);
          await get(who, `/approvals/${id}/audit`);
        }
      }
    });

    it('signals nothing but that something changed', () => {
      const lockstep = signals.filter(s => s.channel.startsWith('lockstep'));
      expect(lockstep.length).toBeGreaterThan(0);
      for (const signal of lockstep) {
        expect(signal.recipients).toEqual({ type: 'broadcast' });
        expect(Object.keys(signal.message as object)).toEqual(['at']);
      }
    });
  },
);
