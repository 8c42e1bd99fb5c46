import { GraphLayout } from './layout';

const MARGIN = 20;

/** A standalone copy of the drawing at 100 %, with the namespace and size a file needs, on the canvas's background. */
function standaloneSvg(
  svg: SVGSVGElement,
  layout: GraphLayout,
  background: string,
): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.removeAttribute('class');
  const width = layout.width + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('font-family', 'Helvetica, Arial, sans-serif');
  copy
    .querySelector('g')
    ?.setAttribute('transform', `translate(${MARGIN},${MARGIN})`);
  const backdrop = document.createElementNS(
    'http://www.w3.org/2000/svg',
    'rect',
  );
  backdrop.setAttribute('width', '100%');
  backdrop.setAttribute('height', '100%');
  backdrop.setAttribute('fill', background);
  copy.insertBefore(backdrop, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
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
  background: string,
) {
  const blob = new Blob([standaloneSvg(svg, layout, background)], {
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
  background: string,
) {
  const text = standaloneSvg(svg, layout, background);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const width = layout.width + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN;
  const scale = Math.min(2, 16_000 / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  download(canvas.toDataURL('image/png'), `${fileName}.png`);
}
