/**
 * Weights at the Hugging Face boundary. The learner names its parameters as Hugging Face's Qwen2
 * does (params.ts), so names carry over unchanged; shapes do not: the learner stores linear weights
 * `[in, out]`, Hugging Face (PyTorch's `nn.Linear`) `[out, in]`, so they are transposed on the way
 * in and out.
 */
import type { ModelConfig } from "../config.ts";
import type { ParamSpec } from "../params.ts";
import type { StoredTensor } from "../safetensors.ts";

const isLinearWeight = (name: string) => name.endsWith("_proj.weight") || name === "lm_head.weight";

/** The shape a parameter has in a Hugging Face checkpoint. */
export function hfShape(spec: ParamSpec): number[] {
  return isLinearWeight(spec.name) ? [...spec.shape].reverse() : spec.shape;
}

/** Tensors a Hugging Face checkpoint may hold that the learner's model does without. */
export function isIgnoredHfTensor(name: string, config: ModelConfig): boolean {
  // Older transformers saved RoPE's frequencies, which the learner computes; a tied head is the embedding.
  return name.endsWith(".rotary_emb.inv_freq") || (config.tieEmbeddings && name === "lm_head.weight");
}

/** A row-major `[rows, cols]` matrix as `[cols, rows]`, bit for bit (NaN payloads included). */
export function transpose2d(data: Float32Array, rows: number, cols: number): Float32Array {
  const from = new Uint32Array(data.buffer, data.byteOffset, data.length);
  const out = new Uint32Array(from.length);
  // Tiles keep both the reads and the writes within a few cache lines.
  const tile = 64;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const rEnd = Math.min(r0 + tile, rows);
    for (let c0 = 0; c0 < cols; c0 += tile) {
      const cEnd = Math.min(c0 + tile, cols);
      for (let r = r0; r < rEnd; r++) {
        const row = r * cols;
        for (let c = c0; c < cEnd; c++) out[c * rows + r] = from[row + c]!;
      }
    }
  }
  return new Float32Array(out.buffer);
}

/** A tensor read from a Hugging Face checkpoint, checked and put in the learner's layout. */
export function fromHfLayout(spec: ParamSpec, tensor: StoredTensor): StoredTensor {
  const expected = hfShape(spec);
  if (tensor.dtype !== "F32" || tensor.shape.join(",") !== expected.join(",")) {
    throw new Error(
      `${spec.name}: expected a float tensor of shape [${expected}], found ${tensor.dtype} [${tensor.shape}]`,
    );
  }
  if (!isLinearWeight(spec.name)) return tensor;
  const [out, inner] = tensor.shape as [number, number];
  return { dtype: "F32", shape: spec.shape, data: transpose2d(tensor.data, out, inner) };
}

/** A parameter's values in the learner's layout as Hugging Face stores them. */
export function toHfLayout(spec: ParamSpec, values: Float32Array): Float32Array {
  if (!isLinearWeight(spec.name)) return values;
  const [inner, out] = spec.shape as [number, number];
  return transpose2d(values, inner, out);
}
