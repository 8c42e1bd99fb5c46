import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_GRAPH_RELATIONS,
  GraphDirection,
  GraphRelation,
  GRAPH_RELATIONS,
  parseGraphRelation,
} from '@lockstep/backstage-plugin-lockstep-common';
import { GraphRequest } from './GraphService';

const list = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map(item => item.trim())
        .filter(Boolean)
    : [];

/**
 * Reads the query of `GET /graph`. The OpenAPI router has already checked types, ranges, enums and
 * unknown parameters and filled in defaults; this adds what the spec cannot say (entity ref syntax,
 * relation names, the configured node cap). Every message names its parameter.
 */
export function parseGraphRequest(
  query: Record<string, unknown>,
  maxNodesLimit: number,
): GraphRequest {
  let entityRef: string;
  try {
    entityRef = stringifyEntityRef(
      parseEntityRef(String(query.entityRef ?? '')),
    );
  } catch (error) {
    throw new InputError(
      `entityRef must be an entity ref such as component:default/checkout-service: ${
        (error as Error).message
      }`,
    );
  }

  const relationNames = list(query.relations);
  const relations: GraphRelation[] = [];
  for (const name of relationNames) {
    const relation = parseGraphRelation(name);
    if (!relation) {
      throw new InputError(
        `relations: unknown relation '${name}'; use ${GRAPH_RELATIONS.slice(
          0,
          -1,
        ).join(', ')} or ${GRAPH_RELATIONS.at(-1)}`,
      );
    }
    if (!relations.includes(relation)) relations.push(relation);
  }

  const maxNodes = Number(query.maxNodes ?? 500);
  if (maxNodes > maxNodesLimit) {
    throw new InputError(
      `maxNodes must be at most ${maxNodesLimit}, got ${maxNodes}`,
    );
  }
  const kinds = list(query.kinds).map(kind => kind.toLocaleLowerCase('en-US'));

  return {
    entityRef,
    direction: (query.direction ?? 'both') as GraphDirection,
    depth: Number(query.depth ?? 1),
    relations: relations.length > 0 ? relations : DEFAULT_GRAPH_RELATIONS,
    kinds: kinds.length > 0 ? kinds : undefined,
    maxNodes,
  };
}
