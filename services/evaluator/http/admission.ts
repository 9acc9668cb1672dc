/**
 * What `POST /v1/evaluations` checks before queueing beyond the schema: that the queue has room, that the
 * named benchmarks are on disk and that the named samples object is in the object store. A job that
 * would fail on these is refused now rather than failed later.
 */

import type { z } from "zod";
import { EVALUATOR_NATS, type EvaluationRequestSchema } from "../../../shared/contracts/evaluation.ts";
import type { EvaluationJobStore } from "../../../shared/evaluation/jobs/infrastructure.ts";
import { type Rejection, reject, tryLater } from "../../common/http/errors.ts";
import { resolveNamedSets } from "../jobs/problem-sets.ts";

/** The wait suggested to a refused submitter: jobs take seconds to minutes each. */
const QUEUE_FULL_RETRY_AFTER_MS = 10_000;

/**
 * A 503 when `maxPendingJobs` jobs are already queued or running. The job stream is a work queue, so
 * its messages are exactly those jobs: one stream-info request counts them, across all evaluators.
 */
export async function queueRefusal(
  store: EvaluationJobStore,
  maxPendingJobs: number,
): Promise<Rejection | null> {
  const jsm = await store.js.jetstreamManager(false);
  const pending = (await jsm.streams.info(EVALUATOR_NATS.stream)).state.messages;
  if (pending < maxPendingJobs) return null;
  return tryLater(
    503,
    `the evaluation queue is full: ${pending} jobs are queued or running (at most ${maxPendingJobs}); submit again later`,
    QUEUE_FULL_RETRY_AFTER_MS,
  ).rejection;
}

export async function admissionProblem(
  store: EvaluationJobStore,
  dataDir: string,
  request: z.output<typeof EvaluationRequestSchema>,
): Promise<Rejection | null> {
  if (!request.problemSets) {
    const named = await resolveNamedSets(dataDir, request.benchmarks).then(
      () => null,
      (error: Error) => error.message,
    );
    if (named) return reject(400, named).rejection;
  }
  const samples = request.samples;
  if (!Array.isArray(samples) && !(await store.samples.info(samples.object))) {
    return reject(
      400,
      `no object ${JSON.stringify(samples.object)} in the ${EVALUATOR_NATS.samplesStore} object store: put the samples there first, or send them inline`,
    ).rejection;
  }
  return null;
}
