// The demo backend: a stock Backstage backend with the Lockstep plugin installed the way an adopter would.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// 503 rather than an empty 404 for plugin addresses while the backend starts (see startup/).
backend.add(import('./startup'));

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest, plus the development-only demo sign-in as any catalog user.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('./demoSignIn'));

backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@lockstep/backstage-plugin-lockstep-backend'));
// Development only: the sign-offs the sample catalog starts with (see demoReadiness).
backend.add(import('./demoReadiness'));
// An example readiness check source: facts read from HTTP JSON endpoints.
backend.add(
  import('@lockstep/backstage-plugin-lockstep-backend-module-http-facts'),
);

backend.start();
