import { mockCredentials } from '@backstage/backend-test-utils';
import type { EntityReadiness } from '@lockstep/backstage-plugin-lockstep-common';
import type { Server } from 'node:http';
import request from 'supertest';

/**
 * Set-up for a test that starts from a signed-off gate, whichever tests ran before it: signs
 * `gateId` of the entity at `path` off as `signer` (with `body`) unless it passes already.
 */
export async function givenSignedOff(
  server: Server,
  path: string,
  options: { gateId: string; signer: string; body?: object },
) {
  const auth = mockCredentials.user.header(options.signer);
  const current = await request(server).get(path).set('Authorization', auth);
  const gate = (current.body as EntityReadiness).gates?.find(
    g => g.id === options.gateId,
  );
  if (gate?.status === 'passed' || gate?.status === 'expiring') return;
  const signed = await request(server)
    .post(`${path}/signoffs`)
    .set('Authorization', auth)
    .send({ gateId: options.gateId, ...options.body });
  if (signed.status !== 200) throw new Error(JSON.stringify(signed.body));
}
