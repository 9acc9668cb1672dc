/** A service's request metrics: how many requests it answered and how long they took. */
import { Counter, Histogram, LATENCY_BUCKETS_SECONDS } from "./prometheus.ts";

export class RequestMetrics {
  private readonly answered: Counter;
  private readonly latency: Histogram;

  /** Exposed as `<prefix>_requests_total` and `<prefix>_request_duration_seconds`. */
  constructor(prefix: string, help: { answered: string; latency: string }) {
    this.answered = new Counter(`${prefix}_requests_total`, help.answered);
    this.latency = new Histogram(`${prefix}_request_duration_seconds`, help.latency, LATENCY_BUCKETS_SECONDS);
  }

  /** Latency leaves out the status code: a histogram per code would multiply the series for little insight. */
  record({ code, ...labels }: { code: string } & Record<string, string>, seconds: number): void {
    this.answered.inc({ ...labels, code });
    this.latency.observe(labels, seconds);
  }

  render(): string[][] {
    return [this.answered.render(), this.latency.render()];
  }
}
