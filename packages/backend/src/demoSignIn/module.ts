import { createBackendModule } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/**
 * Development-only sign-in as any User of the catalog, so that one person can try a flow that needs
 * several (a requester and two approvers). `GET /api/auth/demo/refresh?user=user:default/priya.sharma`
 * with `X-Requested-With: XMLHttpRequest` answers `{ backstageIdentity: { token, identity } }`, with
 * group memberships resolved from the catalog like any real sign-in.
 *
 * The route exists only while `auth.providers.demo` is configured: app-config.yaml enables it and
 * app-config.production.yaml sets it to null, where the auth backend then answers 404.
 */
const demoAuthenticator = createProxyAuthenticator({
  // Runs before the sign-in resolver: an unknown user is a clear 404 here, a known one gets their
  // catalog profile (name and email) in the sidebar and settings.
  async defaultProfileTransform(result: { userEntityRef: string }, ctx) {
    const user = await ctx
      .findCatalogUser({ entityRef: result.userEntityRef })
      .catch(error => {
        if (error.name === 'NotFoundError') {
          throw new NotFoundError(
            `No User '${result.userEntityRef}' in the catalog; demo sign-in only accepts catalog users`,
          );
        }
        throw error;
      });
    const profile = (user.entity.spec?.profile ?? {}) as {
      displayName?: string;
      email?: string;
      picture?: string;
    };
    return {
      profile: {
        displayName: profile.displayName ?? user.entity.metadata.name,
        email: profile.email,
        picture: profile.picture,
      },
    };
  },
  initialize: () => undefined,
  async authenticate({ req }) {
    const user = req.query.user;
    if (typeof user !== 'string' || user.length === 0) {
      throw new InputError(
        "Demo sign-in needs a 'user' query parameter, e.g. ?user=user:default/priya.sharma",
      );
    }
    let userEntityRef: string;
    try {
      userEntityRef = stringifyEntityRef(
        parseEntityRef(user, {
          defaultKind: 'user',
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      throw new InputError(`Invalid user entity ref '${user}': ${error}`);
    }
    if (!userEntityRef.startsWith('user:')) {
      throw new InputError(`'${user}' is not a User entity ref`);
    }
    return { result: { userEntityRef } };
  },
});

export const demoSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'lockstep-demo-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            signInResolver: ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});
