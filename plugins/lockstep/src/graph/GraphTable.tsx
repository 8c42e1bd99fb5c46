import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  GraphEdge,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import Typography from '@material-ui/core/Typography';

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
      title: 'Entity',
      field: 'title',
      highlight: true,
      render: ({ node }) =>
        node.missing ? (
          <Typography color="error" variant="body2">
            {node.entityRef} (not in the catalog)
          </Typography>
        ) : (
          <>
            <EntityRefLink
              entityRef={node.entityRef}
              title={node.title ?? node.name}
            />
            {cycleNodes.has(node.entityRef) && ' ↻ in a cycle'}
          </>
        ),
    },
    { title: 'Kind', field: 'kind' },
    { title: 'Owner', field: 'owner' },
    { title: 'System', field: 'system' },
    { title: 'Lifecycle', field: 'lifecycle' },
    { title: 'Depends on', field: 'dependsOn', type: 'numeric' },
    { title: 'Depended on by', field: 'dependedOnBy', type: 'numeric' },
  ];
  const edgeRows = edges.map(edge => ({
    id: `${edge.source} ${edge.target} ${edge.relation}`,
    source: short(edge.source),
    relation:
      edge.relation === 'indirect'
        ? `indirect (via ${edge.via?.map(short).join(', ')})`
        : edge.relation,
    target: short(edge.target),
  }));
  return (
    <>
      <Table<NodeRow>
        title={`Entities (${rows.length})`}
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
        title={`Dependencies (${edgeRows.length})`}
        options={{
          paging: edgeRows.length > 50,
          pageSize: 50,
          padding: 'dense',
          search: true,
        }}
        columns={[
          { title: 'Dependent', field: 'source' },
          { title: 'Relation', field: 'relation' },
          { title: 'Dependency', field: 'target' },
        ]}
        data={edgeRows}
      />
    </>
  );
}
