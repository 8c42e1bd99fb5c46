import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  GraphEdge,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lockstepTranslationRef } from '../translation';

const short = (ref?: string) =>
  ref ? ref.replace(/^[^:]+:(default\/)?/, '') : '';

interface NodeRow {
  id: string;
  node: GraphNode;
  title: string;
  kind: string;
  owner: string;
  system: string;
  lifecycle: string;
  dependsOn: number;
  dependedOnBy: number;
}

/** The graph as two sortable, searchable tables: entities and their edges. */
export function GraphTable(props: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  cycleNodes: Set<string>;
}) {
  const { t } = useTranslationRef(lockstepTranslationRef);
  const { nodes, edges, cycleNodes } = props;
  const outDegree = new Map<string, number>();
  const inDegree = new Map<string, number>();
  for (const edge of edges) {
    outDegree.set(edge.source, (outDegree.get(edge.source) ?? 0) + 1);
    inDegree.set(edge.target, (inDegree.get(edge.target) ?? 0) + 1);
  }
  const rows: NodeRow[] = nodes.map(node => ({
    id: node.entityRef,
    node,
    title: node.title ?? node.name,
    kind: node.kind,
    owner: short(node.owner),
    system: short(node.system),
    lifecycle: node.lifecycle ?? '',
    dependsOn: outDegree.get(node.entityRef) ?? 0,
    dependedOnBy: inDegree.get(node.entityRef) ?? 0,
  }));
  const columns: TableColumn<NodeRow>[] = [
    {
      title: t('graph.table.entity'),
      field: 'title',
      highlight: true,
      render: ({ node }) =>
        node.missing ? (
          <Typography color="error" variant="body2">
            {t('common.notInCatalog', { name: node.entityRef })}
          </Typography>
        ) : (
          <>
            <EntityRefLink
              entityRef={node.entityRef}
              title={node.title ?? node.name}
            />
            {cycleNodes.has(node.entityRef) && ` ${t('graph.table.inCycle')}`}
          </>
        ),
    },
    { title: t('graph.table.kind'), field: 'kind' },
    { title: t('graph.table.owner'), field: 'owner' },
    { title: t('graph.table.system'), field: 'system' },
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
    source: short(edge.source),
    relation:
      edge.relation === 'indirect'
        ? t('graph.table.indirectVia', {
            via: edge.via?.map(short).join(', ') ?? '',
          })
        : edge.relation,
    target: short(edge.target),
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
