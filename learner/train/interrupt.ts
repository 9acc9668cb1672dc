/**
 * Ctrl-C during training: the first asks the loop to stop after the current step and save a
 * checkpoint; a second one exits at once.
 */
export interface StopSignal {
  requested(): boolean;
  dispose(): void;
}

export function stopOnSigint(what: string): StopSignal {
  let stop = false;
  const handler = () => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write(`\nstopping after this step and saving ${what} (Ctrl-C again to quit now)\n`);
  };
  process.on("SIGINT", handler);
  return { requested: () => stop, dispose: () => process.off("SIGINT", handler) };
}
