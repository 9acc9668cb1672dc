/**
 * `npm run bench:failover`: what a grader replica killed under load costs the requests it held.
 * The scenario of tests/integration/grader-failover.test.ts (one nats-server, two grader replicas, eight
 * lanes of single-item and small-batch NATS requests, one replica killed with SIGKILL), run ROUNDS
 * times; it prints the requests lost and wrong, the p50/p99 latency of the requests in flight at each
 * kill (pooled), and whether the p99 is within the bound: 2 × item budget + one attempt deadline.
 */
import { availableParallelism, cpus, loadavg } from "node:os";
import { describeFailover, type FailoverReport, runFailoverScenario } from "../support/failover.ts";

const ROUNDS = 5;

console.log(`failover benchmark: ${ROUNDS} rounds, one of two grader replicas killed under load each`);
console.log(
  `machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, Node ${process.version}, ` +
    `load average ${loadavg()[0]!.toFixed(2)}`,
);
const reports: FailoverReport[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const report = await runFailoverScenario({ answeredBeforeKill: 300, sentAfterKill: 600 });
  const held = report.inFlightAtKill.map((r) => (r.endedMs - r.startedMs).toFixed(0));
  console.log(`round ${round}: in flight at the kill, ms: ${held.join(", ")}`);
  reports.push(report);
}
for (const line of describeFailover(reports)) console.log(line);
