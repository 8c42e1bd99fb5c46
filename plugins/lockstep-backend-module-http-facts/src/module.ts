import { createBackendModule } from '@backstage/backend-plugin-api';
import { lockstepReadinessChecksExtensionPoint } from '@lockstep/backstage-plugin-lockstep-node';
import { httpFactCheck } from './httpFactCheck';

/**
 * Adds the `http-fact` readiness check type to Lockstep. An example of a module built on the
 * extension point: register check types, and gates in app-config can name them.
 *
 * @public
 */
export const lockstepModuleHttpFacts = createBackendModule({
  pluginId: 'lockstep',
  moduleId: 'http-facts',
  register(reg) {
    reg.registerInit({
      deps: { readinessChecks: lockstepReadinessChecksExtensionPoint },
      async init({ readinessChecks }) {
        readinessChecks.addChecks(httpFactCheck);
      },
    });
  },
});
