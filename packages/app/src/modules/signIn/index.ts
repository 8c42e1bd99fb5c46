import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** Development-only sign-in as any User of the sample catalog (see packages/backend/src/demoSignIn). */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: async () => (await import('./DemoSignInPage')).DemoSignInPage,
      },
    }),
  ],
});
