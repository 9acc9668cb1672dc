/**
 * Float32 matmul in plain JavaScript for when the OpenBLAS addon is absent: `C = op(A) op(B)` on
 * row-major matrices inside one Float32Array (offsets in elements). Both operands are first packed
 * so that the shared axis is contiguous (A as `m x k`, B as `n x k`); a 4 x 4 tile of C then
 * accumulates in sixteen locals, eight loads per sixteen multiply-adds, which is what V8's scalar
 * code can do best.
 */

export interface GemmOperands {
  heap: Float32Array;
  a: number;
  b: number;
  c: number;
  m: number;
  n: number;
  k: number;
  transposeA: boolean;
  transposeB: boolean;
}

/** `rows x k` with rows contiguous, from a matrix stored either that way or transposed. */
function pack(heap: Float32Array, offset: number, rows: number, k: number, stored: "rows" | "columns") {
  if (stored === "rows") return heap.slice(offset, offset + rows * k);
  const out = new Float32Array(rows * k);
  for (let p = 0; p < k; p++) {
    const src = offset + p * rows;
    for (let r = 0; r < rows; r++) out[r * k + p] = heap[src + r];
  }
  return out;
}

function dot(a: Float32Array, ai: number, b: Float32Array, bj: number, k: number): number {
  let s = 0;
  for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
  return s;
}

export function gemm(op: GemmOperands): void {
  const { heap, c, m, n, k } = op;
  const a = pack(heap, op.a, m, k, op.transposeA ? "columns" : "rows");
  const b = pack(heap, op.b, n, k, op.transposeB ? "rows" : "columns");
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let j = 0; j < n4; j += 4) {
      const b0 = j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p],
          x1 = a[a1 + p],
          x2 = a[a2 + p],
          x3 = a[a3 + p];
        const y0 = b[b0 + p],
          y1 = b[b1 + p],
          y2 = b[b2 + p],
          y3 = b[b3 + p];
        c00 += x0 * y0;
        c01 += x0 * y1;
        c02 += x0 * y2;
        c03 += x0 * y3;
        c10 += x1 * y0;
        c11 += x1 * y1;
        c12 += x1 * y2;
        c13 += x1 * y3;
        c20 += x2 * y0;
        c21 += x2 * y1;
        c22 += x2 * y2;
        c23 += x2 * y3;
        c30 += x3 * y0;
        c31 += x3 * y1;
        c32 += x3 * y2;
        c33 += x3 * y3;
      }
      const r0 = c + i * n + j;
      heap[r0] = c00;
      heap[r0 + 1] = c01;
      heap[r0 + 2] = c02;
      heap[r0 + 3] = c03;
      const r1 = r0 + n;
      heap[r1] = c10;
      heap[r1 + 1] = c11;
      heap[r1 + 2] = c12;
      heap[r1 + 3] = c13;
      const r2 = r1 + n;
      heap[r2] = c20;
      heap[r2 + 1] = c21;
      heap[r2 + 2] = c22;
      heap[r2 + 3] = c23;
      const r3 = r2 + n;
      heap[r3] = c30;
      heap[r3 + 1] = c31;
      heap[r3 + 2] = c32;
      heap[r3 + 3] = c33;
    }
  }
  // Edges: the last rows and columns that do not fill a tile.
  for (let i = 0; i < m; i++) {
    for (let j = i < m4 ? n4 : 0; j < n; j++) heap[c + i * n + j] = dot(a, i * k, b, j * k, k);
  }
}
