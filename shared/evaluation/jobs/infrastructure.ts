/**
 * The JetStream pieces evaluation jobs live in: a work-queue stream with a durable pull consumer
 * (each job goes to one evaluator, and back to the queue if that evaluator dies), a key-value bucket
 * of job statuses and results, one of finished grading chunks (so a redelivered job resumes), and an
 * object store for large samples files. Opening looks each up and creates only what is missing, so
 * clients, which a secured stack lets look up but not create, open them as the services do.
 * On a cluster of three or more servers each is kept in three replicas, so it outlives one server.
 */
import {
  AckPolicy,
  type Consumer,
  type JetStreamClient,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from "@nats-io/jetstream";
import { type KV, Kvm } from "@nats-io/kv";
import { type ObjectStore, Objm } from "@nats-io/obj";
import type { NatsConnection } from "@nats-io/transport-node";
import { EVALUATOR_NATS } from "../../contracts/evaluation.ts";

/** An evaluator that stops sending heartbeats for this long is presumed dead and its job redelivered. */
export const JOB_ACK_WAIT_MS = 30_000;
/** Deliveries of one job before it is declared failed. */
export const JOB_MAX_DELIVER = 5;
const NANOS_PER_MS = 1_000_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface EvaluationJobStore {
  js: JetStreamClient;
  results: KV;
  chunks: KV;
  samples: ObjectStore;
}

/**
 * Copies JetStream keeps of each stream when not told: 3 on a cluster of three or more servers (one
 * may fail, a majority of two still agrees), else 1. The server the connection is on says whether it is
 * in a cluster and advertises the client URLs of all its members.
 */
export function defaultReplicas(nc: NatsConnection): number {
  const servers = nc.info?.cluster ? (nc.info.connect_urls?.length ?? 0) : 1;
  return servers >= 3 ? 3 : 1;
}

/**
 * Opens the job store, creating what is missing with `replicas` copies. What exists keeps the
 * replicas it was made with (change it with `nats stream edit --replicas`).
 */
export async function openJobStore(
  nc: NatsConnection,
  replicas = defaultReplicas(nc),
): Promise<EvaluationJobStore> {
  const jsm = await jetstreamManager(nc);
  const stream = {
    num_replicas: replicas,
    name: EVALUATOR_NATS.stream,
    subjects: [EVALUATOR_NATS.jobsSubject],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: 10 * 60 * 1000 * NANOS_PER_MS,
  };
  // Looked up first, as the buckets and the object store are: creating needs a permission clients lack.
  await jsm.streams.info(stream.name).catch(async (error: Error) => {
    if (!/not found/i.test(error.message)) throw error;
    await jsm.streams.add(stream).catch(async (error: Error) => {
      if (!/already in use|exists/i.test(error.message)) throw error;
    });
  });
  const kvm = new Kvm(nc);
  const [results, chunks, samples] = await Promise.all([
    kvm.create(EVALUATOR_NATS.resultsBucket, {
      history: 1,
      storage: StorageType.File,
      ttl: 30 * DAY_MS,
      replicas,
    }),
    kvm.create(EVALUATOR_NATS.chunksBucket, { history: 1, storage: StorageType.File, ttl: DAY_MS, replicas }),
    new Objm(nc).create(EVALUATOR_NATS.samplesStore, {
      storage: StorageType.File,
      replicas,
      ttl: 7 * DAY_MS * NANOS_PER_MS,
    }),
  ]);
  return { js: jetstream(nc), results, chunks, samples };
}

/**
 * The durable consumer every evaluator replica pulls jobs from. `ackWaitMs` is how long a job in hand
 * may go without a heartbeat before it is handed to another evaluator; an existing consumer is updated
 * to it, so the last evaluator started sets it.
 */
export async function jobConsumer(nc: NatsConnection, ackWaitMs = JOB_ACK_WAIT_MS): Promise<Consumer> {
  const jsm = await jetstreamManager(nc);
  const config = {
    ack_wait: ackWaitMs * NANOS_PER_MS,
    max_deliver: JOB_MAX_DELIVER,
    max_ack_pending: 64,
  };
  const existing = await jsm.consumers.info(EVALUATOR_NATS.stream, EVALUATOR_NATS.consumer).catch(() => null);
  if (existing) {
    if (existing.config.ack_wait !== config.ack_wait) {
      await jsm.consumers.update(EVALUATOR_NATS.stream, EVALUATOR_NATS.consumer, config);
    }
  } else {
    await jsm.consumers.add(EVALUATOR_NATS.stream, {
      durable_name: EVALUATOR_NATS.consumer,
      ack_policy: AckPolicy.Explicit,
      ...config,
    });
  }
  return jetstream(nc).consumers.get(EVALUATOR_NATS.stream, EVALUATOR_NATS.consumer);
}
