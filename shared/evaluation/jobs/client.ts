/**
 * Submitting evaluation jobs and following them: used by `POST /v1/evaluations`, by
 * `rlvr eval --via nats` and by `rlvr demo`. Samples always travel through the object store, so a job message stays
 * small whatever the size of the samples.
 */
import type { NatsConnection } from "@nats-io/transport-node";
import {
  EVALUATOR_NATS,
  type EvaluationJobMessage,
  type EvaluationRequest,
  EvaluationRequestSchema,
  type EvaluationResult,
  type EvaluationStatus,
  EvaluationStatusSchema,
  type Sample,
} from "../../contracts/evaluation.ts";
import { type RideOutOptions, rideOutNatsOutages } from "../../nats/outages.ts";
import { type EvaluationJobStore, openJobStore } from "./infrastructure.ts";

export function newJobId(): string {
  return crypto.randomUUID();
}

export async function writeStatus(store: EvaluationJobStore, status: EvaluationStatus): Promise<void> {
  await store.results.put(status.id, JSON.stringify(status));
}

export async function readStatus(store: EvaluationJobStore, id: string): Promise<EvaluationStatus | null> {
  if (!/^[-_A-Za-z0-9]+$/.test(id)) return null;
  const entry = await store.results.get(id);
  if (!entry || entry.length === 0) return null;
  return EvaluationStatusSchema.parse(entry.json());
}

/** Puts samples in the object store as JSON Lines; returns the object's name. */
export async function uploadSamples(
  store: EvaluationJobStore,
  samples: Sample[],
  name: string,
): Promise<string> {
  const text = `${samples.map((s) => JSON.stringify(s)).join("\n")}\n`;
  await store.samples.putBlob({ name }, new TextEncoder().encode(text));
  return name;
}

/**
 * Validates, stores inline samples and queues the job; returns its id. The evaluator writes a job's
 * status when it takes the job; until then there is none, which `waitForEvaluation` reads as queued.
 * `recordQueued` writes a queued status first, so that a status request right after submitting finds
 * the job (the HTTP API does); it takes write access to the results bucket, which clients do not have.
 */
export async function submitEvaluation(
  store: EvaluationJobStore,
  input: unknown,
  { id = newJobId(), recordQueued = false }: { id?: string; recordQueued?: boolean } = {},
): Promise<string> {
  const request = EvaluationRequestSchema.parse(input);
  let samples = request.samples;
  if (Array.isArray(samples)) {
    samples = { object: await uploadSamples(store, samples, `${id}.samples.jsonl`) };
  } else if (!(await store.samples.info(samples.object))) {
    throw new Error(
      `no object ${JSON.stringify(samples.object)} in the ${EVALUATOR_NATS.samplesStore} object store`,
    );
  }
  const now = new Date().toISOString();
  if (recordQueued) {
    await writeStatus(store, {
      id,
      title: request.title,
      state: "queued",
      progress: { graded: 0, total: 0 },
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    });
  }
  const message: EvaluationJobMessage = { id, request: { ...request, samples } };
  await store.js.publish(EVALUATOR_NATS.jobsSubject, JSON.stringify(message), { msgID: id });
  return id;
}

/**
 * Resolves with the job's final status (done or failed), reporting progress as it comes. Progress
 * events are a courtesy; the status bucket is the truth, so it is polled too. A job without a status
 * is still queued: `id` must be a job that was submitted. Polls that NATS does not answer (a server
 * restart) are retried as `rideOut` says: the job goes on meanwhile.
 */
export async function waitForEvaluation(
  nc: NatsConnection,
  store: EvaluationJobStore,
  id: string,
  onProgress?: (status: EvaluationStatus) => void,
  pollMs = 500,
  rideOut: RideOutOptions = {},
): Promise<EvaluationStatus> {
  const events = nc.subscribe(EVALUATOR_NATS.progressSubject(id));
  (async () => {
    for await (const event of events) {
      const parsed = EvaluationStatusSchema.safeParse(event.json());
      if (parsed.success) onProgress?.(parsed.data);
    }
  })();
  try {
    for (;;) {
      const status = await rideOutNatsOutages(() => readStatus(store, id), rideOut);
      if (status?.state === "done" || status?.state === "failed") return status;
      if (status) onProgress?.(status);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    events.unsubscribe();
  }
}

export interface EvaluationJobCallbacks {
  onSubmitted?: (id: string) => void;
  /** Samples graded so far (reported as the evaluator makes progress). */
  onProgress?: (graded: number) => void;
  /** NATS stopped answering (a restart?): the client waits for it, up to NATS_OUTAGE_LIMIT_MS. */
  onNatsOutage?: (error: Error) => void;
}

/**
 * Puts `samples` in the object store, queues a job for them and follows it to the end: resolves with
 * the result, or rejects saying why the job failed. Each step rides out a NATS restart: uploading and
 * submitting may be repeated safely (the same object name; the job id as the message id, which JetStream
 * deduplicates).
 */
export async function runEvaluationJob(
  nc: NatsConnection,
  request: Omit<EvaluationRequest, "samples">,
  samples: Sample[],
  callbacks: EvaluationJobCallbacks = {},
): Promise<EvaluationResult> {
  const rideOut: RideOutOptions = { onOutage: callbacks.onNatsOutage };
  const store = await rideOutNatsOutages(() => openJobStore(nc), rideOut);
  const id = newJobId();
  const object = await rideOutNatsOutages(
    () => uploadSamples(store, samples, `${id}.samples.jsonl`),
    rideOut,
  );
  await rideOutNatsOutages(
    () => submitEvaluation(store, { ...request, samples: { object } }, { id }),
    rideOut,
  );
  callbacks.onSubmitted?.(id);
  const final = await waitForEvaluation(
    nc,
    store,
    id,
    (status) => callbacks.onProgress?.(status.progress.graded),
    undefined,
    rideOut,
  );
  if (final.state === "failed" || !final.result)
    throw new Error(`evaluation job ${id} failed: ${final.error}`);
  return final.result;
}
