import { backendUrl, tokenFor } from './demo';

/**
 * Waits until the backend is up, the catalog has processed the sample files, and Lockstep's
 * topology index holds them. Until the index's first refresh after the catalog filled up (some
 * 20–30 s after a fresh start), graph answers are 404s and readiness answers are incomplete
 * (owner gates with the team `owner`, teams named by ref, nothing rolled up from upstream), which
 * is not what the journeys are about.
 */
export default async function globalSetup() {
  const deadline = Date.now() + 180_000;
  let last = 'backend not reachable';
  while (Date.now() < deadline) {
    try {
      const token = await tokenFor('user:default/grace.kim');
      const headers = { Authorization: `Bearer ${token}` };
      const response = await fetch(
        `${backendUrl}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
        { headers },
      );
      const { totalItems } = await response.json();
      if (totalItems < 25) {
        last = `catalog holds ${totalItems} components so far`;
      } else {
        last = await lockstepSettled(headers);
        if (!last) return;
      }
    } catch (error) {
      last = String(error);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`The demo backend did not get ready in time: ${last}`);
}

/** Empty when Lockstep answers from a full index; otherwise what is still missing. */
async function lockstepSettled(headers: Record<string, string>) {
  const entity = 'component:default/statements-service';
  const graph = await fetch(
    `${backendUrl}/api/lockstep/graph?entityRef=${encodeURIComponent(entity)}`,
    { headers },
  );
  if (graph.status !== 200) {
    return `Lockstep's graph answers ${graph.status} for ${entity}`;
  }
  const readiness = await (
    await fetch(
      `${backendUrl}/api/lockstep/readiness/component/default/statements-service`,
      { headers },
    )
  ).json();
  const unresolved = (readiness.gates ?? []).filter(
    (gate: { team: string }) => !gate.team.startsWith('group:'),
  );
  if (!readiness.gates?.length || unresolved.length > 0) {
    return `readiness of ${entity} not resolved yet (teams: ${(
      readiness.gates ?? []
    )
      .map((gate: { team: string }) => gate.team)
      .join(', ')})`;
  }
  return '';
}
