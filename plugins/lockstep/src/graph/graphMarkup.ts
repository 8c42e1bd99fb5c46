import {
  GraphEdge,
  GraphNode,
  ReadinessStatus,
} from '@lockstep/backstage-plugin-lockstep-common';
import { FILLS, SurfacePalette } from '../lib/palette';
import { edgeKey, NODE_HEIGHT, NODE_WIDTH, Point } from './layout';

// The drawing's nodes and edges as SVG markup, which the canvas inserts a chunk at a time (see
// GraphCanvas for why markup rather than React elements).

/** The font sizes of a node's title and subtitle, in drawing units. */
export const NODE_TITLE_PX = 13;
export const NODE_SUBTITLE_PX = 11;

/** The words a node is drawn with, in the viewer's language (from the translation ref). */
export interface NodeWords {
  /** The subtitle of a node that is not in the catalog. */
  notInCatalog: string;
  /**
   * The accessible name: title, kind and readiness status (once known), or that the node is not in
   * the catalog.
   */
  label(node: GraphNode, status?: ReadinessStatus): string;
  /** The tooltip: title and status, and whether it is in a dependency cycle. */
  tooltip(
    node: GraphNode,
    status: ReadinessStatus | undefined,
    inCycle: boolean,
  ): string;
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
 * missing, cycles and "N more". For assistive technology an item of the list of nodes, holding a
 * link named by title, kind and status; the canvas handles its events.
 */
export function nodeMarkup(
  node: GraphNode,
  at: Point,
  color: string,
  isRoot: boolean,
  inCycle: boolean,
  surfaces: SurfacePalette,
  words: NodeWords,
  status?: ReadinessStatus,
): string {
  const MISSING = surfaces.missing;
  const title = node.title ?? node.name;
  const subtitle = node.missing
    ? words.notInCatalog
    : `${node.kind}${
        node.owner ? ` · ${node.owner.replace(/^[^:]+:(default\/)?/, '')}` : ''
      }`;
  const label = words.label(node, status);
  const stroke = node.missing ? MISSING : color;
  // Absolute coordinates rather than a transform per node: each transform would be a separate
  // piece of the page for the browser's paint and compositing steps to handle.
  const { x, y } = at;
  return [
    `<g role="listitem"><g class="ls-node" data-entity-ref="${escape(
      node.entityRef,
    )}" role="link" tabindex="0" aria-label="${escape(label)}">`,
    `<title>${escape(words.tooltip(node, status, inCycle))}</title>`,
    `<rect class="ls-box" x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="${
      node.missing ? surfaces.nodeMissing : surfaces.node
    }" stroke="${stroke}" stroke-width="${isRoot ? 3 : 1.5}"${
      node.missing ? ' stroke-dasharray="5 3"' : ''
    }/>`,
    `<rect class="ls-accent" x="${x}" y="${y}" width="6" height="${NODE_HEIGHT}" rx="3" fill="${stroke}"/>`,
    `<text x="${x + 14}" y="${
      y + 18
    }" font-size="${NODE_TITLE_PX}" font-weight="${isRoot ? 700 : 500}" fill="${
      surfaces.nodeText
    }">${escape(truncate(title, 24))}</text>`,
    // what the box shows besides its title stays out of the link, whose name says it in words
    '</g><g class="ls-marks" pointer-events="none">',
    `<text x="${x + 14}" y="${y + 35}" font-size="${NODE_SUBTITLE_PX}" fill="${
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
        }" font-size="${NODE_SUBTITLE_PX}" text-anchor="middle" fill="${
          FILLS.slate.contrastText
        }">+${node.more}</text>`
      : '',
    '</g></g>',
  ].join('');
}

/** One edge, from dependent to dependency: red in a cycle, dashed when indirect; `tooltip` in words. */
export function edgeMarkup(
  edge: GraphEdge,
  points: Point[],
  inCycle: boolean,
  tooltip: string | undefined,
  surfaces: SurfacePalette,
) {
  return `<path class="ls-edge" data-edge="${escape(
    edgeKey(edge),
  )}" d="${pathOf(points)}" fill="none" stroke="${
    inCycle ? surfaces.edgeInCycle : surfaces.edge
  }" stroke-width="1.2"${
    edge.relation === 'indirect' ? ' stroke-dasharray="6 4"' : ''
  } marker-end="url(#lockstep-arrow)">${
    tooltip ? `<title>${escape(tooltip)}</title>` : ''
  }</path>`;
}
