import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { GraphNode } from '@lockstep/backstage-plugin-lockstep-common';

/** The path of a graph node's entity page, wherever the app mounts the catalog. */
export function useEntityPath(): (node: GraphNode) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (node: GraphNode) =>
      entityRoute({
        kind: node.kind.toLocaleLowerCase('en-US'),
        namespace: node.namespace,
        name: node.name,
      }),
    [entityRoute],
  );
}

/** Opens a graph node's entity page. */
export function useOpenEntity(): (node: GraphNode) => void {
  const navigate = useNavigate();
  const pathOf = useEntityPath();
  return useCallback(
    (node: GraphNode) => navigate(pathOf(node)),
    [navigate, pathOf],
  );
}
