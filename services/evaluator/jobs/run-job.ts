/**
 * Runs one evaluation job from the queue. Grading goes out in fixed chunks whose verdicts are kept in
 * the chunks bucket, so a job redelivered after a crash grades only what was not finished; a job
 * already done is acknowledged without work, so each job finishes once. A store operation that JetStream
 * does not answer (a cluster node lost, its streams electing new leaders) is tried again while the job
 * is still this evaluator's, rather than handing the job back.
 */
import type { JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { mapLimited } from "../../../shared/async/map-limited.ts";
import type { GraderClient } from "../../../shared/clients/grader.ts";
import {
  EVALUATOR_NATS,
  type EvaluationJobMessage,
  EvaluationJobMessageSchema,
  type EvaluationStatus,
  type Sample,
  SampleSchema,
} from "../../../shared/contracts/evaluation.ts";
import { type GradeRequest, type Verdict, VerdictSchema } from "../../../shared/contracts/grading.ts";
import type { ProblemSet } from "../../../shared/datasets/problems.ts";
import { graderEquivalence } from "../../../shared/evaluation/equivalence.ts";
import { readStatus, writeStatus } from "../../../shared/evaluation/jobs/client.ts";
import { type EvaluationJobStore, JOB_MAX_DELIVER } from "../../../shared/evaluation/jobs/infrastructure.ts";
import { assertComplete, matchSamples } from "../../../shared/evaluation/samples.ts";
import { scoreEvaluation } from "../../../shared/evaluation/score.ts";
import { rideOutNatsOutages } from "../../../shared/nats/outages.ts";
import { resolveNamedSets } from "./problem-sets.ts";

/** Items per stored chunk: fixed, so chunk keys mean the same thing on every delivery. */
export const CHUNK_ITEMS = 512;
const CHUNKS_IN_FLIGHT = 4;
const PROGRESS_EVERY_MS = 250;

export interface JobContext {
  nc: NatsConnection;
  store: EvaluationJobStore;
  grader: GraderClient;
  dataDir: string;
  /** Well under the consumer's ack wait, so a job in hand is never taken for abandoned. */
  heartbeatMs: number;
  /**
   * How long a store operation is tried again while JetStream does not answer: under the ack wait, so
   * the job is not handed to another evaluator meanwhile.
   */
  outageLimitMs: number;
  log: (line: string) => void;
}

export type JobOutcome = "done" | "failed" | "retry";

/** A job that can never succeed (bad message, samples that do not fit): not retried. */
class JobRejected extends Error {}

export async function processJob(ctx: JobContext, msg: JsMsg): Promise<JobOutcome> {
  let job: EvaluationJobMessage;
  try {
    job = EvaluationJobMessageSchema.parse(msg.json());
  } catch (error) {
    ctx.log(`rejected a malformed job message (seq ${msg.seq}): ${describe(error)}`);
    // No reason: nats-server 2.9 ignores a `+TERM <reason>` and would redeliver the message.
    msg.term();
    return "failed";
  }
  const existing = await stored(ctx, () => readStatus(ctx.store, job.id));
  if (existing?.state === "done" || existing?.state === "failed") {
    msg.ack();
    return existing.state;
  }
  const heartbeat = setInterval(() => msg.working(), ctx.heartbeatMs);
  const status: EvaluationStatus = {
    id: job.id,
    title: job.request.title,
    state: "running",
    progress: { graded: 0, total: 0 },
    attempts: msg.info.deliveryCount,
    createdAt: existing?.createdAt ?? new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
  try {
    await stored(ctx, () => writeStatus(ctx.store, status));
    status.result = await evaluate(ctx, job, status);
    status.state = "done";
    await finish(ctx, status);
    await removeChunks(ctx, job.id);
    msg.ack();
    return "done";
  } catch (error) {
    const final = error instanceof JobRejected || msg.info.deliveryCount >= JOB_MAX_DELIVER;
    ctx.log(`job ${job.id} ${final ? "failed" : "will be retried"}: ${describe(error)}`);
    if (!final) {
      msg.nak(2_000);
      return "retry";
    }
    status.state = "failed";
    status.error = describe(error);
    await finish(ctx, status);
    msg.term();
    return "failed";
  } finally {
    clearInterval(heartbeat);
  }
}

async function evaluate(ctx: JobContext, job: EvaluationJobMessage, status: EvaluationStatus) {
  const { request } = job;
  const sets: ProblemSet[] = request.problemSets
    ? request.problemSets.map((s) => ({ name: s.name, path: "(inline)", problems: s.problems, skipped: [] }))
    : await resolveNamedSets(ctx.dataDir, request.benchmarks).catch((error) => {
        throw new JobRejected(describe(error));
      });
  const samples = await loadSamples(ctx, request.samples.object);
  const matched = matchSamples(sets, samples, request.k);
  const { problems, report } = matched;
  try {
    if (!request.allowPartial) assertComplete(report, request.k);
  } catch (error) {
    throw new JobRejected(describe(error));
  }
  if (problems.length === 0) throw new JobRejected("no problem has samples: nothing to evaluate");
  const items = problems.flatMap((p) => p.responses.map((response) => ({ response, gold: p.problem.gold })));
  status.progress.total = items.length;
  const chunkCount = Math.ceil(items.length / CHUNK_ITEMS);
  let lastProgress = 0;
  let reused = 0;
  const chunks = await mapLimited(
    Array.from({ length: chunkCount }, (_, i) => i),
    CHUNKS_IN_FLIGHT,
    async (index) => {
      const { verdicts, stored } = await gradeChunk(
        ctx,
        job,
        index,
        items.slice(index * CHUNK_ITEMS, (index + 1) * CHUNK_ITEMS),
      );
      if (stored) reused += verdicts.length;
      status.progress.graded += verdicts.length;
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS || status.progress.graded === items.length) {
        lastProgress = Date.now();
        await publishProgress(ctx, status);
      }
      return verdicts;
    },
  );
  if (reused > 0)
    ctx.log(`job ${job.id}: resumed, reusing ${reused} of ${items.length} verdicts graded before`);
  const verdicts = chunks.flat();
  const byProblem: Verdict[][] = [];
  let cursor = 0;
  for (const p of problems) {
    byProblem.push(verdicts.slice(cursor, cursor + p.responses.length));
    cursor += p.responses.length;
  }
  return scoreEvaluation(matched, byProblem, graderEquivalence(ctx.grader, request.gradeOptions));
}

async function gradeChunk(
  ctx: JobContext,
  job: EvaluationJobMessage,
  index: number,
  items: GradeRequest[],
): Promise<{ verdicts: Verdict[]; stored: boolean }> {
  const key = `${job.id}.${index}`;
  const earlier = await stored(ctx, () => ctx.store.chunks.get(key));
  if (earlier && earlier.length > 0) {
    const parsed = VerdictSchema.array().safeParse(earlier.json());
    if (parsed.success && parsed.data.length === items.length) return { verdicts: parsed.data, stored: true };
  }
  const verdicts = await ctx.grader.gradeMany(items, job.request.gradeOptions);
  await stored(ctx, () => ctx.store.chunks.put(key, JSON.stringify(verdicts)));
  return { verdicts, stored: false };
}

async function loadSamples(ctx: JobContext, object: string): Promise<Sample[]> {
  const blob = await stored(ctx, () => ctx.store.samples.getBlob(object));
  if (!blob) throw new JobRejected(`the samples object ${JSON.stringify(object)} is not in the object store`);
  const lines = new TextDecoder().decode(blob).split("\n");
  const samples: Sample[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new JobRejected(`samples line ${i + 1} is not valid JSON`);
    }
    const parsed = SampleSchema.safeParse(value);
    if (!parsed.success) throw new JobRejected(`samples line ${i + 1}: ${parsed.error.issues[0]?.message}`);
    samples.push(parsed.data);
  }
  return samples;
}

/** Stores the status, then announces it: an event is sent once, and only for what the bucket holds. */
async function publishProgress(ctx: JobContext, status: EvaluationStatus): Promise<void> {
  status.updatedAt = new Date().toISOString();
  const payload = JSON.stringify(status);
  await stored(ctx, () => ctx.store.results.put(status.id, payload));
  ctx.nc.publish(EVALUATOR_NATS.progressSubject(status.id), payload);
}

async function finish(ctx: JobContext, status: EvaluationStatus): Promise<void> {
  await publishProgress(ctx, status);
}

async function removeChunks(ctx: JobContext, id: string): Promise<void> {
  await stored(ctx, async () => {
    const keys = await ctx.store.chunks.keys(`${id}.*`);
    for await (const key of keys) await ctx.store.chunks.purge(key);
  });
}

/** A store operation, tried again while JetStream does not answer, up to the context's limit. */
function stored<T>(ctx: JobContext, operation: () => Promise<T>): Promise<T> {
  return rideOutNatsOutages(operation, {
    limitMs: ctx.outageLimitMs,
    onOutage: (error) => ctx.log(`JetStream is not answering (${error.message}); trying again`),
  });
}

function describe(error: unknown): string {
  if (error && typeof error === "object" && "issues" in error && Array.isArray(error.issues)) {
    return error.issues
      .map((i: { path: unknown[]; message: string }) => `${i.path.join(".")}: ${i.message}`)
      .join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}
