import { useMemo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  GraphEdge,
  GraphNode,
  READINESS_STATUSES,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ReadinessStatusChip } from '../components/StatusChip';
import { useStatusLabels } from '../components/statusLabels';
import { lockstepTranslationRef } from '../translation';
import { shortRef, useGraphWords } from './graphWords';

interface NodeRow {
  id: string;
  node: GraphNode;
  title: string;
  kind: string;
  owner: string;
  system: string;
  lifecycle: string;
  status?: ReadinessStatus;
  /** The status in words, for the search. */
  readiness: string;
  dependsOn: number;
  dependedOnBy: number;
}

/** Worst first, and what is not known yet last. */
const rank = (status?: ReadinessStatus) =>
  status ? READINESS_STATUSES.indexOf(status) : READINESS_STATUSES.length;

/**
 * The graph as two sortable, searchable tables: entities (with their readiness) and their edges,
 * each entity by its title (and name where the two differ), each relation in words.
 */
export function GraphTable(props: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  cycleNodes: Set<string>;
  /** Readiness of a node, once known. */
  statusOf?(node: GraphNode): ReadinessStatus | undefined;
  /** What the readiness column says of a node without a status (loading, or unavailable). */
  noStatus?: string;
}) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const labels = useStatusLabels();
  const words = useGraphWords();
  const { nodes, edges, cycleNodes, statusOf } = props;
  const nodesByRef = useMemo(
    () => new Map(nodes.map(node => [node.entityRef, node])),
    [nodes],
  );
  const outDegree = new Map<string, number>();
  const inDegree = new Map<string, number>();
  for (const edge of edges) {
    outDegree.set(edge.source, (outDegree.get(edge.source) ?? 0) + 1);
    inDegree.set(edge.target, (inDegree.get(edge.target) ?? 0) + 1);
  }
  const rows: NodeRow[] = nodes.map(node => {
    const status = statusOf?.(node);
    return {
      id: node.entityRef,
      node,
      title: words.displayName(node),
      kind: node.kind,
      owner: shortRef(node.owner),
      system: shortRef(node.system),
      lifecycle: node.lifecycle ?? '',
      status,
      readiness: status ? labels.readiness(status) : '',
      dependsOn: outDegree.get(node.entityRef) ?? 0,
      dependedOnBy: inDegree.get(node.entityRef) ?? 0,
    };
  });
  const columns: TableColumn<NodeRow>[] = [
    {
      title: t('graph.table.entity'),
      field: 'title',
      highlight: true,
      render: ({ node, title }) =>
        node.missing ? (
          <Typography color="error" variant="body2">
            {t('common.notInCatalog', { name: title })}
          </Typography>
        ) : (
          <>
            <EntityRefLink entityRef={node.entityRef} title={title} />
            {cycleNodes.has(node.entityRef) && ` ${t('graph.table.inCycle')}`}
          </>
        ),
    },
    {
      title: t('graph.table.readiness'),
      field: 'readiness',
      customSort: (a, b) => rank(a.status) - rank(b.status),
      render: ({ status }) =>
        status ? (
          <ReadinessStatusChip status={status} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {props.noStatus ?? t('graph.table.readinessLoading')}
          </Typography>
        ),
    },
    { title: t('graph.table.kind'), field: 'kind' },
    {
      title: t('graph.table.owner'),
      field: 'owner',
      render: ({ node }) =>
        node.owner ? (
          <EntityRefLink entityRef={node.owner} defaultKind="group" />
        ) : null,
    },
    {
      title: t('graph.table.system'),
      field: 'system',
      render: ({ node }) =>
        node.system ? (
          <EntityRefLink entityRef={node.system} defaultKind="system" />
        ) : null,
    },
    { title: t('graph.table.lifecycle'), field: 'lifecycle' },
    { title: t('graph.table.dependsOn'), field: 'dependsOn', type: 'numeric' },
    {
      title: t('graph.table.dependedOnBy'),
      field: 'dependedOnBy',
      type: 'numeric',
    },
  ];
  const edgeRows = edges.map(edge => ({
    id: `${edge.source} ${edge.target} ${edge.relation}`,
    source: words.nameOf(edge.source, nodesByRef),
    relation: words.edge(edge, nodesByRef),
    target: words.nameOf(edge.target, nodesByRef),
  }));
  return (
    <>
      <Table<NodeRow>
        title={t('graph.table.entities', { total: String(rows.length) })}
        options={{
          paging: rows.length > 50,
          pageSize: 50,
          padding: 'dense',
          search: true,
        }}
        columns={columns}
        data={rows}
      />
      <div style={{ height: 16 }} />
      <Table
        title={t('graph.table.dependencies', {
          total: String(edgeRows.length),
        })}
        options={{
          paging: edgeRows.length > 50,
          pageSize: 50,
          padding: 'dense',
          search: true,
        }}
        columns={[
          { title: t('graph.table.dependent'), field: 'source' },
          { title: t('graph.table.relation'), field: 'relation' },
          { title: t('graph.table.dependency'), field: 'target' },
        ]}
        data={edgeRows}
      />
    </>
  );
}
