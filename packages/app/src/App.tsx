import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Other plugins, Lockstep included, are discovered from package.json (`app.packages: all`).
export default createApp({
  features: [catalogPlugin, navModule, signInModule],
});
