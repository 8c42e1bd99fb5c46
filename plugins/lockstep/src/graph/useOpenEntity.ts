import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { GraphNode } from '@lockstep/backstage-plugin-lockstep-common';

/** Opens a graph node's entity page, wherever the app mounts the catalog. */
export function useOpenEntity(): (node: GraphNode) => void {
  const navigate = useNavigate();
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (node: GraphNode) =>
      navigate(
        entityRoute({
          kind: node.kind.toLocaleLowerCase('en-US'),
          namespace: node.namespace,
          name: node.name,
        }),
      ),
    [navigate, entityRoute],
  );
}
