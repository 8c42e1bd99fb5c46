/** What the vertical placement needs of the layered graph and the layout's options. */
export interface PlacementInput {
  /** The vertices of each layer, in their order; vertices from `n` on are dummies. */
  layers: number[][];
  /** Each vertex's neighbours in the layer before and in the layer after. */
  up: number[][];
  down: number[][];
  /** How many vertices are real nodes. */
  n: number;
  vertexCount: number;
  nodeHeight: number;
  nodeSpacing: number;
  edgeSpacing: number;
  /** Sweeps over the layers, each way. */
  rounds: number;
}

/**
 * Step 5 of the layered layout, vertical positions: the vertices of each layer start stacked and
 * centred, then each node and dummy moves towards the centres of its neighbours on both sides with
 * the order and spacing kept (an isotonic regression per layer, by pooling adjacent violators). That
 * centres nodes on what they connect to and straightens long edges. Answers each vertex's centre and
 * the extent of the drawing.
 */
export function placeVertically(input: PlacementInput): {
  centre: Float64Array;
  top: number;
  bottom: number;
} {
  const { layers, up, down, n, vertexCount, nodeHeight } = input;
  const { nodeSpacing, edgeSpacing } = input;
  const layerCount = layers.length;
  const isDummy = (v: number) => v >= n;
  const size = (v: number) => (isDummy(v) ? 0 : nodeHeight);
  const gapBetween = (a: number, b: number) =>
    (size(a) + size(b)) / 2 +
    (isDummy(a) || isDummy(b) ? edgeSpacing : nodeSpacing);
  const centre = new Float64Array(vertexCount);
  const offsets = layers.map(vertices => {
    const offset = new Float64Array(vertices.length);
    for (let i = 1; i < vertices.length; i++)
      offset[i] = offset[i - 1] + gapBetween(vertices[i - 1], vertices[i]);
    return offset;
  });
  const tallest = Math.max(
    ...offsets.map(offset => (offset.length ? offset[offset.length - 1] : 0)),
  );
  layers.forEach((vertices, l) => {
    const offset = offsets[l];
    const shift =
      (tallest - (offset.length ? offset[offset.length - 1] : 0)) / 2;
    vertices.forEach((v, i) => {
      centre[v] = shift + offset[i];
    });
  });
  // Pool adjacent violators: the centres closest to the wanted ones that keep order and spacing.
  const blockStart: number[] = [];
  const blockSum: number[] = [];
  const blockWeight: number[] = [];
  const place = (l: number) => {
    const vertices = layers[l];
    const offset = offsets[l];
    blockStart.length = blockSum.length = blockWeight.length = 0;
    for (let i = 0; i < vertices.length; i++) {
      const v = vertices[i];
      const count = up[v].length + down[v].length;
      let wanted = centre[v];
      let weight = 1;
      if (count > 0) {
        let sum = 0;
        for (const u of up[v]) sum += centre[u];
        for (const u of down[v]) sum += centre[u];
        wanted = sum / count;
        // long edges pull harder, so that they run straight
        weight = isDummy(v) ? 4 : count;
      }
      let start = i;
      let sum = (wanted - offset[i]) * weight;
      let total = weight;
      while (
        blockStart.length > 0 &&
        blockSum[blockSum.length - 1] / blockWeight[blockWeight.length - 1] >
          sum / total
      ) {
        start = blockStart.pop()!;
        sum += blockSum.pop()!;
        total += blockWeight.pop()!;
      }
      blockStart.push(start);
      blockSum.push(sum);
      blockWeight.push(total);
    }
    for (let b = 0; b < blockStart.length; b++) {
      const end =
        b + 1 < blockStart.length ? blockStart[b + 1] : vertices.length;
      const z = blockSum[b] / blockWeight[b];
      for (let i = blockStart[b]; i < end; i++)
        centre[vertices[i]] = z + offset[i];
    }
  };
  for (let round = 0; round < input.rounds; round++) {
    for (let l = 0; l < layerCount; l++) place(l);
    for (let l = layerCount - 1; l >= 0; l--) place(l);
  }
  let top = Infinity;
  let bottom = -Infinity;
  for (let v = 0; v < vertexCount; v++) {
    top = Math.min(top, centre[v] - size(v) / 2);
    bottom = Math.max(bottom, centre[v] + size(v) / 2);
  }
  if (vertexCount === 0) top = bottom = 0;
  return { centre, top, bottom };
}
