import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/** Sign-offs the demo starts with, so that every readiness status shows on a fresh start. */
const SEED = [
  // secrets-broker asks for the critical profile by annotation; Security has reviewed it
  {
    entity: 'component/default/secrets-broker',
    user: 'user:default/rachel.cohen',
    body: {
      gateId: 'security-review',
      version: '3.1.0',
      comment: 'Threat model and key rotation reviewed',
    },
  },
  // identity-service's review runs out within days: at-risk
  {
    entity: 'component/default/identity-service',
    user: 'user:default/omar.haddad',
    body: {
      gateId: 'security-review',
      version: '5.0.2',
      comment: 'Valid until the token format change ships',
      expiresInDays: 5,
    },
  },
];

/**
 * Development only (active while the demo sign-in provider is configured): once the catalog has the
 * sample people, signs off a few readiness gates through Lockstep's public API as those people, the
 * way they would in the UI. Skipped when the entity already has a history, so restarts change nothing.
 */
export const demoReadinessModule = createBackendModule({
  pluginId: 'lockstep',
  moduleId: 'demo-readiness',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        lifecycle: coreServices.rootLifecycle,
        logger: coreServices.logger,
      },
      async init({ config, discovery, lifecycle, logger }) {
        if (!config.has('auth.providers.demo')) return;
        const seed = async () => {
          const auth = await discovery.getBaseUrl('auth');
          const lockstep = await discovery.getBaseUrl('lockstep');
          const tokenFor = async (user: string) => {
            const response = await fetch(
              `${auth}/demo/refresh?user=${encodeURIComponent(user)}`,
              { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
            );
            if (!response.ok) throw new Error(`no token for ${user}`);
            return (await response.json()).backstageIdentity.token as string;
          };
          for (const { entity, user, body } of SEED) {
            const headers = {
              authorization: `Bearer ${await tokenFor(user)}`,
              'content-type': 'application/json',
            };
            const history = await fetch(
              `${lockstep}/readiness/${entity}/history`,
              { headers },
            );
            if (!history.ok) throw new Error(`${entity} is not readable yet`);
            if (
              (await history.json()).events.some(
                (e: { kind: string }) => e.kind === 'signed-off',
              )
            ) {
              continue;
            }
            const { expiresInDays, ...signOff } = body as typeof body & {
              expiresInDays?: number;
            };
            const response = await fetch(
              `${lockstep}/readiness/${entity}/signoffs`,
              {
                method: 'POST',
                headers,
                body: JSON.stringify({
                  ...signOff,
                  ...(expiresInDays && {
                    expiresAt: new Date(
                      Date.now() + expiresInDays * 86_400_000,
                    ).toISOString(),
                  }),
                }),
              },
            );
            if (!response.ok) {
              throw new Error(
                `${entity}: ${response.status} ${await response.text()}`,
              );
            }
          }
        };
        lifecycle.addStartupHook(() => {
          // The catalog ingests the sample on its own schedule: try until it has the people.
          const started = Date.now();
          const attempt = () =>
            seed().then(
              () => logger.info('Demo readiness sign-offs are in place'),
              error => {
                if (Date.now() - started > 180_000) {
                  logger.warn(`Demo readiness sign-offs not made: ${error}`);
                } else setTimeout(attempt, 3_000);
              },
            );
          setTimeout(attempt, 3_000);
        });
      },
    });
  },
});
