import * as tf from "@tensorflow/tfjs-core";
import { addGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Add_grad.js";
import { broadcastToGradConfig } from "@tensorflow/tfjs-core/dist/gradients/BroadcastTo_grad.js";
import { castGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Cast_grad.js";
import { clipByValueGradConfig } from "@tensorflow/tfjs-core/dist/gradients/ClipByValue_grad.js";
import { concatGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Concat_grad.js";
import { expGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Exp_grad.js";
import { gatherGradConfig } from "@tensorflow/tfjs-core/dist/gradients/GatherV2_grad.js";
import { identityGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Identity_grad.js";
import { logGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Log_grad.js";
import { maxGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Max_grad.js";
import { maximumGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Maximum_grad.js";
import { meanGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Mean_grad.js";
import { minimumGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Minimum_grad.js";
import { multiplyGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Multiply_grad.js";
import { negGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Neg_grad.js";
import { divGradConfig } from "@tensorflow/tfjs-core/dist/gradients/RealDiv_grad.js";
import { reshapeGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Reshape_grad.js";
import { selectGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Select_grad.js";
import { softplusGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Softplus_grad.js";
import { subGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Sub_grad.js";
import { sumGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Sum_grad.js";
import { tileGradConfig } from "@tensorflow/tfjs-core/dist/gradients/Tile_grad.js";

// tfjs-core's Node bundle registers no gradients; they exist only as ES modules in its dist/, which
// tsx can load. Loading all of them (learner/model/gradients.ts) takes about 3 s per process, so the
// objectives load just the kernels their losses run through. Gradients already registered are left
// alone; whichever module registers a kernel, the function is tfjs's own.
const configs: tf.GradConfig[] = [
  addGradConfig,
  broadcastToGradConfig,
  castGradConfig,
  clipByValueGradConfig,
  concatGradConfig,
  divGradConfig,
  expGradConfig,
  gatherGradConfig,
  identityGradConfig,
  logGradConfig,
  maxGradConfig,
  maximumGradConfig,
  meanGradConfig,
  minimumGradConfig,
  multiplyGradConfig,
  negGradConfig,
  reshapeGradConfig,
  selectGradConfig,
  softplusGradConfig,
  subGradConfig,
  sumGradConfig,
  tileGradConfig,
];
for (const config of configs) {
  if (!tf.getGradient(config.kernelName)) tf.registerGradient(config);
}
