/**
 * Registers TensorFlow.js's gradient functions, without which no op can be differentiated.
 * tfjs-core's Node bundle leaves them out; the union package's bundle registers all of them into the
 * same global registry that tfjs-core and its backends use, in about 0.2 s. Import this module for
 * its effect from every module that takes gradients.
 */
import "@tensorflow/tfjs";
