/** The grader's Prometheus metrics, rendered in the text exposition format by hand. */

import type { Verdict } from "../../shared/contracts/grading.ts";
import type { PoolStats } from "../../shared/pool/index.ts";

type Labels = Record<string, string>;

const LATENCY_BUCKETS_SECONDS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(
    ([key, value]) =>
      `${key}="${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`,
  );
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
      ...[...this.values].map(([labels, value]) => `${this.name}${labels} ${value}`),
    ];
  }
}

class Histogram {
  private readonly series = new Map<
    string,
    { labels: Labels; buckets: number[]; sum: number; count: number }
  >();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    let series = this.series.get(key);
    if (!series) {
      series = { labels, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    for (const [i, bound] of this.bounds.entries()) if (value <= bound) series.buckets[i]++;
    series.sum += value;
    series.count++;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      for (const [i, bound] of this.bounds.entries()) {
        lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${buckets[i]}`);
      }
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: "+Inf" })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${sum}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines;
  }
}

/** `transport` is http or nats; `route` is the HTTP route pattern or the NATS endpoint name. */
export interface RequestLabels {
  transport: "http" | "nats";
  route: string;
  code: string;
}

export class GraderMetrics {
  private readonly requests = new Counter(
    "grader_requests_total",
    "Requests answered, by transport, route and status code.",
  );
  private readonly latency = new Histogram(
    "grader_request_duration_seconds",
    "Time from receiving a request to answering it.",
    LATENCY_BUCKETS_SECONDS,
  );
  private readonly verdicts = new Counter(
    "grader_verdicts_total",
    "Verdicts given, by status and correctness.",
  );

  constructor(private readonly poolStats: () => PoolStats) {}

  recordRequest({ transport, route, code }: RequestLabels, seconds: number): void {
    this.requests.inc({ transport, route, code });
    this.latency.observe({ transport, route }, seconds);
  }

  recordVerdicts(verdicts: readonly Verdict[]): void {
    for (const verdict of verdicts) {
      this.verdicts.inc({ status: verdict.status, correct: String(verdict.correct) });
    }
  }

  render(): string {
    const pool = this.poolStats();
    const gauge = (name: string, help: string, value: number, type = "gauge") => [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} ${type}`,
      `${name} ${value}`,
    ];
    return [
      ...this.requests.render(),
      ...this.latency.render(),
      ...this.verdicts.render(),
      ...gauge(
        "grader_pool_timeouts_total",
        "Checks stopped for exceeding their time budget.",
        pool.timeouts,
        "counter",
      ),
      ...gauge("grader_pool_crashes_total", "Checker workers that died.", pool.crashes, "counter"),
      ...gauge(
        "grader_pool_restarts_total",
        "Checker workers replaced after a timeout or crash.",
        pool.restarts,
        "counter",
      ),
      ...gauge("grader_pool_workers", "Checker workers ready to grade.", pool.readyWorkers),
      ...gauge("grader_pool_queue_length", "Checks waiting for a worker.", pool.queued),
      ...gauge("grader_pool_in_flight", "Checks handed to workers and not yet answered.", pool.inFlight),
      "",
    ].join("\n");
  }
}
