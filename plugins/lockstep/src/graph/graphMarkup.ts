import {
  GraphEdge,
  GraphNode,
} from '@lockstep/backstage-plugin-lockstep-common';
import { FILLS, SurfacePalette } from '../lib/palette';
import { edgeKey, NODE_HEIGHT, NODE_WIDTH, Point } from './layout';

// The drawing's nodes and edges as SVG markup, which the canvas inserts a chunk at a time (see
// GraphCanvas for why markup rather than React elements).

/** The words a node is drawn with, in the viewer's language (from the translation ref). */
export interface NodeWords {
  /** The subtitle of a node that is not in the catalog. */
  notInCatalog: string;
  /** The accessible name: title and kind, saying when the node is not in the catalog. */
  label(node: GraphNode): string;
  /** The tooltip of a node in a dependency cycle. */
  inCycle(entityRef: string): string;
}

const pathOf = (points: Point[]) =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, c => ESCAPES[c]);

/**
 * One entity as SVG markup: a box in its group colour, title and kind/owner, with marks for
 * missing, cycles and "N more". A link for assistive technology; the canvas handles its events.
 */
export function nodeMarkup(
  node: GraphNode,
  at: Point,
  color: string,
  isRoot: boolean,
  inCycle: boolean,
  surfaces: SurfacePalette,
  words: NodeWords,
): string {
  const MISSING = surfaces.missing;
  const title = node.title ?? node.name;
  const subtitle = node.missing
    ? words.notInCatalog
    : `${node.kind}${
        node.owner ? ` · ${node.owner.replace(/^[^:]+:(default\/)?/, '')}` : ''
      }`;
  const label = words.label(node);
  const stroke = node.missing ? MISSING : color;
  // Absolute coordinates rather than a transform per node: each transform would be a separate
  // piece of the page for the browser's paint and compositing steps to handle.
  const { x, y } = at;
  return [
    `<g class="ls-node" data-entity-ref="${escape(
      node.entityRef,
    )}" role="link" tabindex="0" aria-label="${escape(label)}">`,
    `<title>${escape(
      inCycle ? words.inCycle(node.entityRef) : node.entityRef,
    )}</title>`,
    `<rect class="ls-box" x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="${
      node.missing ? surfaces.nodeMissing : surfaces.node
    }" stroke="${stroke}" stroke-width="${isRoot ? 3 : 1.5}"${
      node.missing ? ' stroke-dasharray="5 3"' : ''
    }/>`,
    `<rect class="ls-accent" x="${x}" y="${y}" width="6" height="${NODE_HEIGHT}" rx="3" fill="${stroke}"/>`,
    `<text x="${x + 14}" y="${y + 18}" font-size="13" font-weight="${
      isRoot ? 700 : 500
    }" fill="${surfaces.nodeText}">${escape(truncate(title, 24))}</text>`,
    `<text x="${x + 14}" y="${y + 35}" font-size="11" fill="${
      node.missing ? MISSING : surfaces.nodeSubtext
    }">${escape(truncate(subtitle, 30))}</text>`,
    inCycle
      ? `<text x="${x + NODE_WIDTH - 8}" y="${
          y + 16
        }" font-size="13" text-anchor="end" fill="${MISSING}">↻</text>`
      : '',
    node.more
      ? `<rect x="${x + NODE_WIDTH - 34}" y="${
          y + NODE_HEIGHT - 12
        }" width="30" height="16" rx="8" fill="${
          FILLS.slate.color
        }"/><text x="${x + NODE_WIDTH - 19}" y="${
          y + NODE_HEIGHT
        }" font-size="10" text-anchor="middle" fill="${
          FILLS.slate.contrastText
        }">+${node.more}</text>`
      : '',
    '</g>',
  ].join('');
}

/** One edge, from dependent to dependency: red in a cycle, dashed when indirect. */
export function edgeMarkup(
  edge: GraphEdge,
  points: Point[],
  inCycle: boolean,
  tooltip: boolean,
  surfaces: SurfacePalette,
) {
  return `<path class="ls-edge" data-edge="${escape(
    edgeKey(edge),
  )}" d="${pathOf(points)}" fill="none" stroke="${
    inCycle ? surfaces.edgeInCycle : surfaces.edge
  }" stroke-width="1.2"${
    edge.relation === 'indirect' ? ' stroke-dasharray="6 4"' : ''
  } marker-end="url(#lockstep-arrow)">${
    tooltip
      ? `<title>${escape(
          `${edge.source} ${edge.relation} ${edge.target}`,
        )}</title>`
      : ''
  }</path>`;
}
