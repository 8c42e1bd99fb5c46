// What the benchmarks share: logging, a signed-in JSON client for the demo backend, timing and
// percentiles, and waiting for a backend to get ready.

export const log = message => console.error(`[bench] ${message}`);
export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * A JSON client of a demo backend. Every call is made as a signed-in user (the demo sign-in), so
 * permission checks run as they do for people.
 */
export function createClient(backend) {
  const headers = { 'Content-Type': 'application/json' };
  return {
    backend,
    headers,
    async signIn(user) {
      const response = await fetch(
        `${backend}/api/auth/demo/refresh?user=${user}`,
        { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
      );
      if (!response.ok) {
        throw new Error(
          `demo sign-in: ${response.status} ${await response.text()}`,
        );
      }
      headers.Authorization = `Bearer ${
        (await response.json()).backstageIdentity.token
      }`;
      return true;
    },
    async json(url, init) {
      const response = await fetch(url, { headers, ...init });
      if (!response.ok) {
        throw new Error(
          `${init?.method ?? 'GET'} ${url}: ${
            response.status
          } ${await response.text()}`,
        );
      }
      return response.json();
    },
  };
}

export async function time(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Median and p95 by the nearest-rank method. */
export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = q =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

/** Polls `check` until it returns true; says every 30 s what it still waits for. */
export async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let reported = Date.now();
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last === true) return;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() - reported > 30_000) {
      log(`waiting for ${what}: ${last}`);
      reported = Date.now();
    }
    await sleep(2000);
  }
  throw new Error(`Timed out waiting for ${what}: ${last}`);
}

/**
 * Waits until the backend answers, `client` can sign in as `user`, and the catalog holds at least
 * `components` components (ingestion of a large catalog takes minutes).
 */
export async function waitForBackendAndCatalog(
  backend,
  client,
  user,
  components,
) {
  await waitFor(
    'the backend',
    async () => (await fetch(`${backend}/api/lockstep/health`)).ok,
    300_000,
  );
  await waitFor('the sample users', () => client.signIn(user), 300_000);
  await waitFor(
    'the catalog to process every entity',
    async () => {
      const { totalItems } = await client.json(
        `${backend}/api/catalog/entities/by-query?limit=1&filter=kind=component`,
      );
      return totalItems >= components || `${totalItems} components so far`;
    },
    900_000,
  );
}
