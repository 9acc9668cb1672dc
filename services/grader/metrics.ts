/** The grader's Prometheus metrics. */

import type { Verdict } from "../../shared/contracts/grading.ts";
import type { PoolStats } from "../../shared/pool/index.ts";
import { Counter, exposition, single } from "../common/metrics/prometheus.ts";
import { RequestMetrics } from "../common/metrics/requests.ts";
import type { AdmissionStats } from "./admission.ts";

/**
 * `transport` is http or nats; `route` is the HTTP route pattern or the NATS endpoint name. A type
 * rather than an interface, so that it passes where any record of string labels is taken.
 */
export type RequestLabels = {
  transport: "http" | "nats";
  route: string;
  code: string;
};

export class GraderMetrics {
  private readonly requests = new RequestMetrics("grader", {
    answered: "Requests answered, by transport, route and status code.",
    latency: "Time from receiving a request to answering it.",
  });
  private readonly verdicts = new Counter(
    "grader_verdicts_total",
    "Verdicts given, by status and correctness.",
  );

  constructor(
    private readonly poolStats: () => PoolStats,
    private readonly admissionStats: () => AdmissionStats,
  ) {}

  recordRequest(labels: RequestLabels, seconds: number): void {
    this.requests.record(labels, seconds);
  }

  recordVerdicts(verdicts: readonly Verdict[]): void {
    for (const verdict of verdicts) {
      this.verdicts.inc({ status: verdict.status, correct: String(verdict.correct) });
    }
  }

  render(): string {
    const pool = this.poolStats();
    const admission = this.admissionStats();
    return exposition([
      ...this.requests.render(),
      this.verdicts.render(),
      single(
        "grader_pool_timeouts_total",
        "Checks stopped for exceeding their time budget.",
        pool.timeouts,
        "counter",
      ),
      single("grader_pool_crashes_total", "Checker workers that died.", pool.crashes, "counter"),
      single(
        "grader_pool_restarts_total",
        "Checker workers replaced after a timeout or crash.",
        pool.restarts,
        "counter",
      ),
      single("grader_pool_workers", "Checker workers ready to grade.", pool.readyWorkers),
      single("grader_pool_queue_length", "Checks waiting for a worker.", pool.queued),
      single("grader_pool_in_flight", "Checks handed to workers and not yet answered.", pool.inFlight),
      single(
        "grader_requests_in_flight",
        "Requests admitted and not yet answered.",
        admission.requestsInFlight,
      ),
      single(
        "grader_request_body_bytes_in_flight",
        "Request body bytes held by admitted requests.",
        admission.bodyBytesInFlight,
      ),
      [
        "# HELP grader_admission_refusals_total Requests refused at admission, by what was full.",
        "# TYPE grader_admission_refusals_total counter",
        ...Object.entries(admission.refused).map(
          ([reason, count]) => `grader_admission_refusals_total{reason="${reason}"} ${count}`,
        ),
      ],
    ]);
  }
}
