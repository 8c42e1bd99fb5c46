import { backendUrl, tokenFor } from './demo';

/** Waits until the backend is up and the catalog has processed the sample files. */
export default async function globalSetup() {
  const deadline = Date.now() + 120_000;
  let last = 'backend not reachable';
  while (Date.now() < deadline) {
    try {
      const token = await tokenFor('user:default/grace.kim');
      const response = await fetch(
        `${backendUrl}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      const { totalItems } = await response.json();
      if (totalItems >= 25) return;
      last = `catalog holds ${totalItems} components so far`;
    } catch (error) {
      last = String(error);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`The demo backend did not get ready in time: ${last}`);
}
