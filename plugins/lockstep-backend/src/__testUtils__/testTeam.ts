import { mockCredentials } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';

/**
 * A test-only catalog file: a team of `size` people (`user:default/<team>-01`, ...) owning one
 * Component named `<team>-service`, for tests that need more deciders than the sample has.
 */
export function writeTestTeam(dir: string, team: string, size: number) {
  const members = Array.from(
    { length: size },
    (_, i) => `${team}-${String(i + 1).padStart(2, '0')}`,
  );
  const docs = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: team },
      spec: { type: 'team', children: [] },
    },
    ...members.map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name },
      spec: { memberOf: [team] },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `${team}-service` },
      spec: { type: 'service', lifecycle: 'experimental', owner: team },
    },
  ];
  const file = path.join(dir, `${team}.yaml`);
  fs.writeFileSync(file, docs.map(d => JSON.stringify(d)).join('\n---\n'));
  return {
    file,
    members: members.map(name => `user:default/${name}`),
    component: `component:default/${team}-service`,
  };
}

/**
 * Resolves once the catalog lists every member of the team, seen from both sides of the relation,
 * and the team's Component with its owner (the catalog may process it after the people).
 */
export async function waitForTeam(server: Server, team: string, size: number) {
  const service = mockCredentials.service.header();
  for (let i = 0; i < 480; i++) {
    const [group, members, component] = await Promise.all([
      request(server)
        .get(`/api/catalog/entities/by-name/group/default/${team}`)
        .set('Authorization', service),
      request(server)
        .get(
          `/api/catalog/entities/by-query?filter=kind=user,relations.memberof=group:default/${team}&limit=100&fields=metadata.name`,
        )
        .set('Authorization', service),
      request(server)
        .get(`/api/catalog/entities/by-name/component/default/${team}-service`)
        .set('Authorization', service),
    ]);
    const owned = (component.body.relations ?? []).some(
      (r: { type: string }) => r.type === 'ownedBy',
    );
    const hasMembers = (group.body.relations ?? []).filter(
      (r: { type: string }) => r.type === 'hasMember',
    ).length;
    if (owned && hasMembers === size && members.body.items?.length === size)
      return;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(
    `The catalog never listed the ${size} members of ${team} and its service`,
  );
}
