import { useMemo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  CATALOG_RELATION_EDGES,
  GraphEdge,
  GraphNode,
  GraphRelation,
  GRAPH_RELATION_REGISTRY,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { LockstepMessageKey, lockstepTranslationRef } from '../translation';

type Key<Prefix extends string> = Extract<
  LockstepMessageKey,
  `${Prefix}${string}`
>;

/** A status in a sentence or an accessible name ("blocked"). */
const NODE_STATUS_KEYS = {
  'not-ready': 'graph.nodeStatus.notReady',
  blocked: 'graph.nodeStatus.blocked',
  'at-risk': 'graph.nodeStatus.atRisk',
  ready: 'graph.nodeStatus.ready',
  unknown: 'graph.nodeStatus.unknown',
} as const satisfies Record<ReadinessStatus, LockstepMessageKey>;

/** The relations' names in the filter; a relation the registry gains later shows the registry's label. */
const RELATION_KEYS: Partial<Record<GraphRelation, Key<'graph.relations.'>>> = {
  dependsOn: 'graph.relations.dependsOn',
  consumesApi: 'graph.relations.consumesApi',
  providesApi: 'graph.relations.providesApi',
  partOf: 'graph.relations.partOf',
};

/** An edge's relation in a sentence, "source <words> target". */
const EDGE_KEYS: Partial<Record<GraphRelation, Key<'graph.edges.'>>> = {
  dependsOn: 'graph.edges.dependsOn',
  consumesApi: 'graph.edges.consumesApi',
  providesApi: 'graph.edges.providesApi',
  partOf: 'graph.edges.partOf',
};

/** An entity ref without its kind, and without the default namespace. */
export const shortRef = (ref?: string) =>
  ref ? ref.replace(/^[^:]+:(default\/)?/, '') : '';

/** The graph's words for entities, statuses and relations, in the viewer's language. */
export interface GraphWords {
  /** The title, with the name in brackets where the two differ. */
  displayName(node: GraphNode): string;
  /** The display name of a ref in the graph; its short ref when the graph does not have it. */
  nameOf(ref: string, nodes: ReadonlyMap<string, GraphNode>): string;
  /** A status in a sentence: "blocked". */
  status(status: ReadinessStatus): string;
  /** A relation as the filter names it. */
  relation(relation: GraphRelation): string;
  /** What an edge says between its two ends: "depends on", "indirect (via …)". */
  edge(edge: GraphEdge, nodes: ReadonlyMap<string, GraphNode>): string;
}

export function useGraphWords(): GraphWords {
  const { t } = useTranslationRef(lockstepTranslationRef);
  return useMemo(() => {
    const displayName = (node: GraphNode) =>
      node.title && node.title !== node.name
        ? t('graph.titleAndName', { title: node.title, name: node.name })
        : node.title ?? node.name;
    const nameOf = (ref: string, nodes: ReadonlyMap<string, GraphNode>) => {
      const node = nodes.get(ref);
      return node ? displayName(node) : shortRef(ref);
    };
    return {
      displayName,
      nameOf,
      status: status => t(NODE_STATUS_KEYS[status]),
      relation: relation => {
        const key = RELATION_KEYS[relation];
        return key ? t(key) : GRAPH_RELATION_REGISTRY[relation].label;
      },
      edge: (edge, nodes) => {
        if (edge.relation === 'indirect') {
          return t('graph.table.indirectVia', {
            via: edge.via?.map(ref => nameOf(ref, nodes)).join(', ') ?? '',
          });
        }
        const group = CATALOG_RELATION_EDGES[edge.relation]?.group;
        if (!group) return edge.relation;
        const key = EDGE_KEYS[group];
        return key
          ? t(key)
          : GRAPH_RELATION_REGISTRY[group].label.toLocaleLowerCase();
      },
    };
  }, [t]);
}
