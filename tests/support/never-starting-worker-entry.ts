/** A pool worker that loads, says it is ready, then never starts a chunk it is sent (as if stuck decoding it). */
import { currentRuntime } from "../../shared/pool/runtime/index.ts";

const port = (await currentRuntime()).parentPort();
port.onMessage(() => {});
port.post({ type: "ready" });
