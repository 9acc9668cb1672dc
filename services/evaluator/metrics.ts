/** The evaluator's Prometheus metrics. */
import type { GraderClient } from "../../shared/clients/grader.ts";
import { Counter, exposition, Histogram, single } from "../common/metrics/prometheus.ts";
import { RequestMetrics } from "../common/metrics/requests.ts";

const JOB_BUCKETS_SECONDS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export class EvaluatorMetrics {
  private readonly jobs = new Counter(
    "evaluator_jobs_total",
    "Job deliveries handled, by outcome (done, failed, retry, crashed).",
  );
  private readonly jobDuration = new Histogram(
    "evaluator_job_duration_seconds",
    "Time from taking a job off the queue to finishing with it, by outcome.",
    JOB_BUCKETS_SECONDS,
  );
  private readonly graded = new Counter(
    "evaluator_items_graded_total",
    "Items sent to the graders and answered: responses, and answer comparisons for maj@k.",
  );
  private readonly requests = new RequestMetrics("evaluator_http", {
    answered: "HTTP requests answered, by route and status code.",
    latency: "Time from receiving an HTTP request to answering it.",
  });

  constructor(private readonly activeJobs: () => number) {}

  recordJob(outcome: string, seconds: number): void {
    this.jobs.inc({ outcome });
    this.jobDuration.observe({ outcome }, seconds);
  }

  recordRequest(labels: { route: string; code: string }, seconds: number): void {
    this.requests.record(labels, seconds);
  }

  /** `grader`, counting the items it grades. */
  counting(grader: GraderClient): GraderClient {
    return {
      close: () => grader.close(),
      grade: async (item) => {
        const verdict = await grader.grade(item);
        this.graded.inc({});
        return verdict;
      },
      gradeMany: async (items, options) => {
        const verdicts = await grader.gradeMany(items, options);
        this.graded.inc({}, verdicts.length);
        return verdicts;
      },
    };
  }

  render(): string {
    return exposition([
      this.jobs.render(),
      this.jobDuration.render(),
      this.graded.render(),
      single("evaluator_active_jobs", "Jobs being evaluated now.", this.activeJobs()),
      ...this.requests.render(),
    ]);
  }
}
