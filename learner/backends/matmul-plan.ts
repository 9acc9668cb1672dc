/**
 * The shape arithmetic of `BatchMatMul` (tfjs semantics: the last two axes multiply, the others
 * broadcast), reduced to a list of equal-sized row-major products given by element offsets.
 */
import { broadcast_util, util } from "@tensorflow/tfjs-core";

export interface MatMulPlan {
  m: number;
  n: number;
  k: number;
  outShape: number[];
  /** Element offset of each product's A, B and C. */
  aOffsets: Uint32Array;
  bOffsets: Uint32Array;
  cOffsets: Uint32Array;
}

/** Index into a tensor of `shape` for each position of `outer`, broadcasting from the right. */
function broadcastIndices(outer: number[], shape: number[]): Uint32Array {
  const count = util.sizeFromShape(outer);
  const out = new Uint32Array(count);
  const lead = outer.length - shape.length;
  for (let o = 0; o < count; o++) {
    let rest = o;
    let index = 0;
    let stride = 1;
    for (let d = outer.length - 1; d >= 0; d--) {
      const coord = rest % outer[d];
      rest = Math.floor(rest / outer[d]);
      if (d >= lead) {
        const dim = shape[d - lead];
        if (dim !== 1) index += coord * stride;
        stride *= dim;
      }
    }
    out[o] = index;
  }
  return out;
}

export function planMatMul(
  aShape: number[],
  bShape: number[],
  transposeA: boolean,
  transposeB: boolean,
): MatMulPlan {
  const ra = aShape.length;
  const rb = bShape.length;
  let m = transposeA ? aShape[ra - 1] : aShape[ra - 2];
  const k = transposeA ? aShape[ra - 2] : aShape[ra - 1];
  const kb = transposeB ? bShape[rb - 1] : bShape[rb - 2];
  const n = transposeB ? bShape[rb - 2] : bShape[rb - 1];
  util.assert(
    k === kb,
    () =>
      `Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${aShape} and ${bShape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
  );
  const aOuter = aShape.slice(0, -2);
  const bOuter = bShape.slice(0, -2);
  const outer = broadcast_util.assertAndGetBroadcastShape(aOuter, bOuter);
  const outShape = [...outer, m, n];
  let batch = util.sizeFromShape(outer);
  // A shared B under a stack of untransposed A's is one tall product: fewer, larger sgemm calls.
  if (util.sizeFromShape(bOuter) === 1 && !transposeA && util.sizeFromShape(aOuter) === batch) {
    m *= batch;
    batch = 1;
  }
  const aIdx = batch === 1 ? Uint32Array.of(0) : broadcastIndices(outer, aOuter);
  const bIdx = batch === 1 ? Uint32Array.of(0) : broadcastIndices(outer, bOuter);
  const aOffsets = aIdx.map((i) => i * m * k);
  const bOffsets = bIdx.map((i) => i * k * n);
  const cOffsets = new Uint32Array(batch).map((_, i) => i * m * n);
  return { m, n, k, outShape, aOffsets, bOffsets, cOffsets };
}
