/**
 * Ctrl-C during a long run: the first asks it to stop at the next safe point (after the current
 * step, say); a second one exits at once.
 */
export interface StopSignal {
  requested(): boolean;
  dispose(): void;
}

/**
 * `notice` tells the user what the first Ctrl-C does; `onStop` runs then, for work that would
 * otherwise go on waiting (requests to services that the same Ctrl-C stopped).
 */
export function stopOnSigint(notice: string, onStop?: () => void): StopSignal {
  let stop = false;
  const handler = () => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write(`\n${notice} (Ctrl-C again to quit now)\n`);
    onStop?.();
  };
  process.on("SIGINT", handler);
  return { requested: () => stop, dispose: () => process.off("SIGINT", handler) };
}
