/**
 * A data-parallel worker: its own TensorFlow.js backend (the main thread's kind, one BLAS thread so
 * that workers do not oversubscribe the cores), its own copy of the weights, read from shared
 * memory whenever the main thread has published newer ones, and a shard program that it runs on
 * each task it is sent.
 */
import { parentPort } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs-core";
import { nativeBlas } from "../backends/native.ts";
import { selectBackend } from "../backends/select.ts";
import type { FromWorker, InitMessage, ShardOutput, ShardProgram, ToWorker } from "./protocol.ts";
import { readParams } from "./shared-params.ts";

const port = parentPort;
if (!port) throw new Error("learner/parallel/worker.ts runs inside a worker thread");

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!;

interface Host {
  run: (task: unknown, params: Readonly<Record<string, tf.Variable>>) => ShardOutput<unknown>;
  init: InitMessage;
  variables: Record<string, tf.Variable>;
  version: number;
}

async function start(init: InitMessage): Promise<Host> {
  // The main thread has said what it runs on: tfjs's notices would repeat it once per worker.
  tf.enableProdMode();
  await selectBackend(init.backend, { log: () => {} });
  nativeBlas()?.setThreads(1);
  const module = (await import(init.program)) as { program: ShardProgram<unknown, unknown, unknown> };
  const variables: Record<string, tf.Variable> = {};
  for (const [name, tensor] of Object.entries(readParams(init.params))) {
    variables[name] = tf.variable(tensor, true, name);
    tensor.dispose();
  }
  return { run: module.program(init.setup), init, variables, version: init.version };
}

function refresh(host: Host): void {
  for (const [name, tensor] of Object.entries(readParams(host.init.params))) {
    host.variables[name]!.assign(tensor);
    tensor.dispose();
  }
}

let host: Promise<Host> | undefined;
port.on("message", async (message: ToWorker) => {
  try {
    if (message.type === "init") {
      host = start(message);
      await host;
      post({ type: "ready" });
      return;
    }
    const ready = await host!;
    if (message.version !== ready.version) {
      refresh(ready);
      ready.version = message.version;
    }
    const { result, transfer } = ready.run(message.task, ready.variables);
    post({ type: "result", id: message.id, result }, transfer);
  } catch (error) {
    post({ type: "error", message: reason(error) });
  }
});
