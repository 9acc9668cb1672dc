/**
 * Weights in shared memory: every named tensor at a fixed offset of one SharedArrayBuffer, which the
 * main thread writes after each optimizer step and the workers read before their next shard. Bits
 * are copied as they are, so a worker computes with exactly the main thread's weights.
 */
import * as tf from "@tensorflow/tfjs-core";

export interface ParamLayout {
  names: string[];
  shapes: number[][];
  /** Element offset of each tensor. */
  offsets: number[];
  /** Elements in all. */
  size: number;
}

export interface SharedParams {
  layout: ParamLayout;
  buffer: SharedArrayBuffer;
}

type Tensors = Readonly<Record<string, tf.Tensor>>;

export function layoutOf(tensors: Tensors): ParamLayout {
  const names = Object.keys(tensors);
  const shapes = names.map((n) => [...tensors[n]!.shape]);
  const offsets: number[] = [];
  let size = 0;
  for (const shape of shapes) {
    offsets.push(size);
    size += tf.util.sizeFromShape(shape);
  }
  return { names, shapes, offsets, size };
}

/** Shared memory holding `tensors` (float32). */
export function shareParams(tensors: Tensors): SharedParams {
  const layout = layoutOf(tensors);
  const shared = { layout, buffer: new SharedArrayBuffer(layout.size * 4) };
  writeParams(shared, tensors);
  return shared;
}

function view(shared: SharedParams, index: number): Float32Array {
  const { shapes, offsets } = shared.layout;
  return new Float32Array(shared.buffer, offsets[index]! * 4, tf.util.sizeFromShape(shapes[index]!));
}

/** Copies the values of `tensors` (some or all of the layout's names) into shared memory. */
export function writeParams(shared: SharedParams, tensors: Tensors): void {
  shared.layout.names.forEach((name, i) => {
    const tensor = tensors[name];
    if (tensor) view(shared, i).set(tensor.dataSync() as Float32Array);
  });
}

/** A tensor per name, copied out of shared memory (a tensor must not change under the backend). */
export function readParams(shared: SharedParams): Record<string, tf.Tensor> {
  return Object.fromEntries(
    shared.layout.names.map((name, i) => [
      name,
      tf.tensor(view(shared, i).slice(), shared.layout.shapes[i]!, "float32"),
    ]),
  );
}

/** The tensors of a layout's names end to end in one array (a worker's gradients, sent whole). */
export function flatten(layout: ParamLayout, tensors: Tensors): Float32Array {
  const flat = new Float32Array(layout.size);
  layout.names.forEach((name, i) => {
    flat.set(tensors[name]!.dataSync() as Float32Array, layout.offsets[i]!);
  });
  return flat;
}

/** The tensors `flatten` put in `flat`. */
export function unflatten(layout: ParamLayout, flat: Float32Array): Record<string, tf.Tensor> {
  return Object.fromEntries(
    layout.names.map((name, i) => {
      const shape = layout.shapes[i]!;
      const start = layout.offsets[i]!;
      return [name, tf.tensor(flat.subarray(start, start + tf.util.sizeFromShape(shape)), shape, "float32")];
    }),
  );
}
