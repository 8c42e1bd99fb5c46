import express from 'express';
import Router from 'express-promise-router';
import { ReadinessCheckRegistry } from './readiness/ReadinessCheckRegistry';

/** The HTTP routes of the plugin, mounted at /api/lockstep. */
export async function createRouter(options: {
  readinessChecks: ReadinessCheckRegistry;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readiness/check-types', (_req, res) => {
    res.json({
      items: options.readinessChecks
        .list()
        .map(({ type, description }) => ({ type, description })),
    });
  });

  return router;
}
