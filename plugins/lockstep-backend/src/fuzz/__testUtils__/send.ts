import http from 'node:http';
import net from 'node:net';
import { bodyOf, Draft, Persona, urlOf } from './draft';

export const PREFIX = '/api/lockstep';
/** Node's default limit on the request line and headers together. */
export const NODE_HEADER_LIMIT = 16 * 1024;
const ANSWER_TIMEOUT_MS = 20_000;

export interface Answer {
  /** 0 when no answer came: the connection failed or timed out. */
  status: number;
  contentType?: string;
  body: Buffer;
  /** Why there was no answer. */
  failure?: string;
  ms: number;
}

/**
 * Over Node's header limit the server answers 431 and closes while the request is still being
 * written, which makes Node's client report a broken connection instead of the answer: such
 * requests go over a plain socket, and whatever came back is read.
 */
function sendRaw(
  port: number,
  head: string,
  bytes: Buffer | undefined,
  started: number,
): Promise<Answer> {
  return new Promise(resolve => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    const finish = (failure?: string) => {
      const text = Buffer.concat(chunks);
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(
        text.toString('latin1', 0, 20),
      );
      const split = text.indexOf('\r\n\r\n');
      const headers = text.toString(
        'latin1',
        0,
        split < 0 ? text.length : split,
      );
      resolve({
        status: match ? Number(match[1]) : 0,
        contentType: /\r\ncontent-type: *([^\r]*)/i.exec(headers)?.[1],
        body: split < 0 ? Buffer.alloc(0) : text.subarray(split + 4),
        ...(!match && {
          failure: failure ?? 'connection closed without an answer',
        }),
        ms: Date.now() - started,
      });
    };
    socket.setTimeout(ANSWER_TIMEOUT_MS, () =>
      socket.destroy(new Error('timeout')),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', error => {
      // a reset after the answer arrived is the server closing on a request it refused
      if (chunks.length === 0) finish(`connection: ${error.message}`);
    });
    socket.on('close', () => finish());
    socket.write(head, 'latin1');
    if (bytes) socket.write(bytes);
    socket.end();
  });
}

/** Sends a draft as it is, byte for byte: no client normalises the address or the body. */
export function send(
  port: number,
  draft: Draft,
  tokens: Partial<Record<Persona, string>>,
): Promise<Answer> {
  const started = Date.now();
  const { bytes, contentType } = bodyOf(draft);
  const headers: Record<string, string> = { Connection: 'close' };
  const authorization =
    draft.authorization ?? (draft.as === 'none' ? undefined : tokens[draft.as]);
  if (authorization !== undefined) headers.Authorization = authorization;
  if (contentType) headers['Content-Type'] = contentType;
  if (bytes) headers['Content-Length'] = String(bytes.length);
  const path = `${PREFIX}${urlOf(draft)}`;
  if (path.length > NODE_HEADER_LIMIT) {
    const head = `${
      draft.method
    } ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`;
    return sendRaw(port, head, bytes, started);
  }
  return new Promise(resolve => {
    let settled = false;
    const done = (answer: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, ms: Date.now() - started });
    };
    let req: http.ClientRequest;
    try {
      req = http.request({
        host: '127.0.0.1',
        port,
        method: draft.method,
        path,
        headers,
        agent: false,
        // Node's client would refuse to send some of what we want to send
        insecureHTTPParser: true,
      });
    } catch (error) {
      done({ status: 0, body: Buffer.alloc(0), failure: `client: ${error}` });
      return;
    }
    req.setTimeout(ANSWER_TIMEOUT_MS, () => {
      done({
        status: 0,
        body: Buffer.alloc(0),
        failure: `no answer within ${ANSWER_TIMEOUT_MS / 1000} s`,
      });
      req.destroy();
    });
    req.on('response', res => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', error =>
        done({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          body: Buffer.concat(chunks),
          failure: `answer cut: ${error.message}`,
        }),
      );
    });
    req.on('error', error =>
      // the server may answer (413, 431) and close before the whole request is written
      done({
        status: 0,
        body: Buffer.alloc(0),
        failure: `connection: ${error.message}`,
      }),
    );
    req.end(bytes);
  });
}
