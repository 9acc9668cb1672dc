/**
 * Pulls jobs from the durable consumer, a bounded number at a time, until stopped. Each replica of
 * the evaluator runs one loop; JetStream hands each job to one of them.
 */
import type { Consumer } from "@nats-io/jetstream";
import { type JobContext, type JobOutcome, processJob } from "./run-job.ts";

export interface JobLoop {
  /** Jobs being processed now. */
  active(): number;
  /** Stops pulling; resolves when the jobs in hand are finished. */
  stop(): Promise<void>;
}

/** Told of every delivery handled, with how long it took. */
export type JobObserver = (outcome: JobOutcome | "crashed", seconds: number) => void;

export function startJobLoop(
  ctx: JobContext,
  consumer: Consumer,
  concurrency: number,
  observe: JobObserver = () => {},
): JobLoop {
  let stopping = false;
  const running = new Set<Promise<unknown>>();
  const loop = (async () => {
    while (!stopping) {
      if (running.size >= concurrency) {
        await Promise.race(running);
        continue;
      }
      const msg = await consumer.next({ expires: 1_000 }).catch((error: Error) => {
        ctx.log(`pulling jobs failed (${error.message}); retrying`);
        return new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000));
      });
      if (!msg) continue;
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      const work = processJob(ctx, msg)
        .then((outcome) => {
          ctx.log(`job ${jobIdOf(msg.string())} ${outcome} (delivery ${msg.info.deliveryCount})`);
          observe(outcome, seconds());
        })
        .catch((error: Error) => {
          ctx.log(`job crashed: ${error.message}`);
          observe("crashed", seconds());
        })
        .finally(() => running.delete(work));
      running.add(work);
    }
  })();
  return {
    active: () => running.size,
    async stop() {
      stopping = true;
      await loop;
      await Promise.allSettled(running);
    },
  };
}

function jobIdOf(text: string): string {
  try {
    return String(JSON.parse(text).id ?? "?");
  } catch {
    return "?";
  }
}
