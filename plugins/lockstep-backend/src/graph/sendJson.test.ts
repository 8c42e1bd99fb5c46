import express from 'express';
import request from 'supertest';
import { JsonBody, sendJson } from './sendJson';

const large = {
  nodes: Array.from({ length: 2000 }, (_, i) => ({
    entityRef: `component:default/svc-${i}`,
    title: `Service ${i} ✓`,
  })),
};
const small = { nodes: [] };

const app = express();
app.set('json spaces', 2); // as in development: sendJson serialises compactly all the same
app.get('/large', (req, res) => sendJson(req, res, large));
app.get('/small', (req, res) => sendJson(req, res, small));

describe('sendJson', () => {
  it('gzips a large body for a client that accepts gzip', async () => {
    const response = await request(app)
      .get('/large')
      .set('Accept-Encoding', 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(response.headers['content-length'])).toBeLessThan(
      Buffer.byteLength(JSON.stringify(large)) / 5,
    );
    expect(response.body).toEqual(large);
  });

  it('sends a large body as it is to a client that does not accept gzip', async () => {
    const response = await request(app)
      .get('/large')
      .set('Accept-Encoding', 'identity');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(Number(response.headers['content-length'])).toBe(
      Buffer.byteLength(JSON.stringify(large)),
    );
    expect(response.body).toEqual(large);
  });

  it('leaves a small body to the backend middleware', async () => {
    const response = await request(app)
      .get('/small')
      .set('Accept-Encoding', 'gzip');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.text).toBe(JSON.stringify(small));
  });

  it('serialises and compresses a kept body once', async () => {
    const body = new JsonBody(large);
    expect(body.bytes).toBe(body.bytes);
    expect(body.gzip()).toBe(body.gzip());
    expect(JSON.parse(body.bytes.toString())).toEqual(large);
  });
});
