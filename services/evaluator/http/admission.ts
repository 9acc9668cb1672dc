/**
 * What `POST /v1/evaluations` checks before queueing beyond the schema: that the named benchmarks are
 * on disk and the named samples object is in the object store. A job that would fail on these is
 * refused now rather than failed later.
 */

import type { z } from "zod";
import { EVALUATOR_NATS, type EvaluationRequestSchema } from "../../../shared/contracts/evaluation.ts";
import type { EvaluationJobStore } from "../../../shared/evaluation/jobs/infrastructure.ts";
import { type Rejection, reject } from "../../common/http/errors.ts";
import { resolveNamedSets } from "../jobs/problem-sets.ts";

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
