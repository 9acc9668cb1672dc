/**
 * Forward and forward+backward time of the tiny preset on one padded batch:
 * `node --import tsx tests/unit/model/forward.bench.ts [cpu|wasm] [B] [T]`.
 */
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { PRESETS } from "../../../learner/model/config.ts";
import { forward } from "../../../learner/model/forward.ts";
import { modelLogProbs } from "../../../learner/model/log-probs.ts";
import { countParams, createParams } from "../../../learner/model/params.ts";

async function main() {
  const [backend = "cpu", bArg = "8", tArg = "64"] = process.argv.slice(2);
  await tf.setBackend(backend);
  await tf.ready();
  const config = PRESETS.tiny;
  const model = { config, params: createParams(config, 1) };
  const b = Number(bArg);
  const t = Number(tArg);
  const ids = tf.tensor2d(
    Array.from({ length: b * t }, (_, i) => (i * 7) % config.vocabSize),
    [b, t],
    "int32",
  );
  const mask = tf.ones([b, t]) as tf.Tensor2D;
  console.log(`${backend}: tiny preset, ${countParams(model.params)} parameters, batch ${b} x ${t}`);
  for (let round = 0; round < 3; round++) {
    let start = performance.now();
    const logits = forward(model, { ids, mask });
    await logits.data();
    const forwardMs = performance.now() - start;
    logits.dispose();
    start = performance.now();
    const { value, grads } = tf.variableGrads(
      () => tf.mean(modelLogProbs(model, { ids, mask }, 0.6)) as tf.Scalar,
    );
    for (const g of Object.values(grads)) await g.data();
    const backwardMs = performance.now() - start;
    value.dispose();
    tf.dispose(grads);
    console.log(
      `forward ${forwardMs.toFixed(0)} ms, forward+backward ${backwardMs.toFixed(0)} ms, live tensors ${tf.memory().numTensors}`,
    );
  }
}

await main();
