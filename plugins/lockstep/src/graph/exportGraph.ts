import { GraphLayout } from './layout';

const MARGIN = 20;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** What an exported drawing says above the graph, in the viewer's language. */
export interface ExportCaption {
  /** "Dependencies of Checkout Service". */
  title: string;
  /** Direction, depth, size and the date of the export. */
  details: string;
  /** What the node colours mean. */
  legend: Array<{ key: string; color: string }>;
  /** The caption's text colour, readable on `background`. */
  textColor: string;
  /** Behind the drawing, as the canvas shows it. */
  background: string;
}

const TITLE_PX = 18;
const DETAILS_PX = 12;
const LEGEND_PX = 12;
const LINE = 20;
/** A generous width per character, to lay out legend entries without measuring text. */
const CHAR_PX = 7.5;

function element(
  name: string,
  attributes: Record<string, string | number>,
  text?: string,
) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes))
    node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The caption as SVG: title, details, then the legend's swatches in rows that fit `width`. Answers
 * the group and its height.
 */
function captionGroup(caption: ExportCaption, width: number) {
  const group = element('g', {
    class: 'ls-caption',
    transform: `translate(${MARGIN},${MARGIN})`,
    fill: caption.textColor,
  });
  group.append(
    element(
      'text',
      { x: 0, y: TITLE_PX, 'font-size': TITLE_PX, 'font-weight': 700 },
      caption.title,
    ),
    element(
      'text',
      { x: 0, y: TITLE_PX + LINE, 'font-size': DETAILS_PX },
      caption.details,
    ),
  );
  let x = 0;
  let y = TITLE_PX + 2 * LINE;
  for (const { key, color } of caption.legend) {
    const entry = 16 + key.length * CHAR_PX + 16;
    if (x > 0 && x + entry > width) {
      x = 0;
      y += LINE;
    }
    group.append(
      element('rect', {
        x,
        y: y - 10,
        width: 10,
        height: 10,
        rx: 2,
        fill: color,
      }),
      element('text', { x: x + 16, y, 'font-size': LEGEND_PX }, key),
    );
    x += entry;
  }
  return { group, height: y + LINE / 2 };
}

/**
 * A standalone copy of the drawing at 100 %, with the namespace and size a file needs, on the
 * canvas's background, under a caption: what it shows (title, root, direction, depth, date) and
 * its legend.
 */
export function standaloneSvg(
  svg: SVGSVGElement,
  layout: GraphLayout,
  caption: ExportCaption,
): { text: string; width: number; height: number } {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.removeAttribute('class');
  const longest = Math.max(caption.title.length, caption.details.length);
  const width = Math.max(layout.width, longest * CHAR_PX) + 2 * MARGIN;
  const header = captionGroup(caption, width - 2 * MARGIN);
  const height = layout.height + header.height + 3 * MARGIN;
  // the namespace declaration as one (`setAttribute('xmlns')` serializes twice in some browsers)
  copy.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('font-family', 'Helvetica, Arial, sans-serif');
  // a file is a picture: no focus stops or list semantics in it
  copy.setAttribute('role', 'img');
  copy.setAttribute('aria-label', caption.title);
  for (const focusable of Array.from(copy.querySelectorAll('[tabindex]')))
    focusable.removeAttribute('tabindex');
  copy
    .querySelector('g')
    ?.setAttribute(
      'transform',
      `translate(${MARGIN},${2 * MARGIN + header.height})`,
    );
  const backdrop = element('rect', {
    width: '100%',
    height: '100%',
    fill: caption.background,
  });
  copy.insertBefore(header.group, copy.firstChild);
  copy.insertBefore(backdrop, copy.firstChild);
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

function download(url: string, fileName: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
}

export function exportSvg(
  svg: SVGSVGElement,
  layout: GraphLayout,
  fileName: string,
  caption: ExportCaption,
) {
  const blob = new Blob([standaloneSvg(svg, layout, caption).text], {
    type: 'image/svg+xml',
  });
  const url = URL.createObjectURL(blob);
  download(url, `${fileName}.svg`);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** PNG at twice the size, for slides; very large graphs are scaled down to what a canvas can hold. */
export async function exportPng(
  svg: SVGSVGElement,
  layout: GraphLayout,
  fileName: string,
  caption: ExportCaption,
) {
  const { text, width, height } = standaloneSvg(svg, layout, caption);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const scale = Math.min(2, 16_000 / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  download(canvas.toDataURL('image/png'), `${fileName}.png`);
}
