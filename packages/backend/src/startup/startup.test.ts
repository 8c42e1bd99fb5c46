import express from 'express';
import request from 'supertest';
import { startupAwareNotFound } from '.';

describe('startupAwareNotFound', () => {
  it('answers 503 for plugin addresses until the backend has started, then the usual 404', async () => {
    const hooks: Array<() => void> = [];
    const app = express();
    app.use(
      startupAwareNotFound((_req, res) => res.status(404).end(), {
        addStartupHook: hook => {
          hooks.push(hook as () => void);
        },
      }),
    );
    const starting = await request(app).get('/api/lockstep/approvals');
    expect(starting.status).toBe(503);
    expect(starting.headers['retry-after']).toBe('1');
    expect(starting.body.error.name).toBe('ServiceUnavailableError');
    expect((await request(app).get('/favicon.ico')).status).toBe(404);

    for (const hook of hooks) hook();
    const started = await request(app).get('/api/lockstep/approvals');
    expect(started.status).toBe(404);
  });
});
