import { RootLifecycleService } from '@backstage/backend-plugin-api';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { RequestHandler } from 'express';

/**
 * Until every plugin has started, an address under /api/ that no plugin serves yet answers 503
 * (retry shortly) instead of `notFound`'s empty 404. The server listens before plugins have mounted
 * their routes; a client (a pipeline waiting for an approval, a load balancer) must be able to tell
 * "not yet" from "no such thing".
 */
export function startupAwareNotFound(
  notFound: RequestHandler,
  lifecycle: Pick<RootLifecycleService, 'addStartupHook'>,
): RequestHandler {
  let started = false;
  lifecycle.addStartupHook(() => {
    started = true;
  });
  return (req, res, next) => {
    if (started || !req.path.startsWith('/api/')) {
      notFound(req, res, next);
      return;
    }
    res
      .status(503)
      .set('Retry-After', '1')
      .json({
        error: {
          name: 'ServiceUnavailableError',
          message: 'The backend is starting; try again in a second',
        },
        request: { method: req.method, url: req.url },
        response: { statusCode: 503 },
      });
  };
}

/** Backstage's root HTTP router with its defaults, and `startupAwareNotFound` as the last route. */
export default rootHttpRouterServiceFactory({
  configure({ middleware, lifecycle, applyDefaults }) {
    const notFound = startupAwareNotFound(middleware.notFound(), lifecycle);
    // applyDefaults mounts middleware.notFound() after every route: that is the one replaced
    middleware.notFound = () => notFound;
    applyDefaults();
  },
});
