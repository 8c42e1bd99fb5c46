import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import type { Server } from 'node:http';
import request from 'supertest';

/**
 * For tests with the real auth services: `GET /api/auth/test-token/refresh?user=<ref>` issues a real
 * Backstage user token for anyone (ownership: the user alone). Needs `auth.providers.test-token`.
 */
export const testTokensModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'lockstep-test-tokens',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'test-token',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              authenticate: async ({ req }) => ({
                result: { user: String(req.query.user) },
              }),
            }),
            signInResolver: async ({ result }, ctx) =>
              ctx.issueToken({
                claims: { sub: result.user, ent: [result.user] },
              }),
          }),
        });
      },
    });
  },
});

/** The Authorization header of a real token for a user. */
export async function bearerFor(
  server: Server,
  userEntityRef: string,
): Promise<string> {
  const response = await request(server)
    .get(
      `/api/auth/test-token/refresh?user=${encodeURIComponent(userEntityRef)}`,
    )
    .set('X-Requested-With', 'XMLHttpRequest');
  if (response.status !== 200)
    throw new Error(`No token for ${userEntityRef}: ${response.text}`);
  return `Bearer ${response.body.backstageIdentity.token}`;
}
