/**
 * The one request pipeline behind both front-ends (HTTP and NATS): request bytes → JSON → validated by
 * the wire contract → graded by the pool → verdicts, or a rejection that says what was wrong.
 *
 * `tenant` says whose work it is (see GradeCallOptions): the pool serves tenants in turn. Without one a
 * request is a tenant by itself. A request whose checks would make the pool's queue too long is refused
 * before any is queued (see admission.ts).
 */
import {
  type GradeBatchRequest,
  GradeBatchRequestSchema,
  type GradeBatchResponse,
  GradeRequestSchema,
  type Verdict,
} from "../../shared/contracts/grading.ts";
import type { GradingPool } from "../../shared/pool/index.ts";
import { decodeJson } from "../common/http/decode.ts";
import type { Outcome } from "../common/http/errors.ts";
import type { Admission } from "./admission.ts";
import type { GraderMetrics } from "./metrics.ts";

export class GradingPipeline {
  constructor(
    private readonly pool: GradingPool,
    private readonly metrics: GraderMetrics,
    private readonly admission: Admission,
  ) {}

  async gradeOne(body: Uint8Array, tenant?: string): Promise<Outcome<Verdict>> {
    const request = decodeJson(body, GradeRequestSchema);
    if (!request.ok) return request;
    const busy = this.admission.queueRefusal(1);
    if (busy) return { ok: false, rejection: busy };
    const verdict = await this.pool.grade(request.value, { tenant });
    this.metrics.recordVerdicts([verdict]);
    return { ok: true, value: verdict };
  }

  async gradeBatch(body: Uint8Array, tenant?: string): Promise<Outcome<GradeBatchResponse>> {
    const batch = decodeJson(body, GradeBatchRequestSchema);
    if (!batch.ok) return batch;
    return this.gradeItems(batch.value, tenant);
  }

  /** A batch already decoded, e.g. translated from a trainer's own wire format (see http/openrlhf.ts). */
  async gradeItems(
    { items, options }: GradeBatchRequest,
    tenant?: string,
  ): Promise<Outcome<GradeBatchResponse>> {
    const busy = this.admission.queueRefusal(items.length);
    if (busy) return { ok: false, rejection: busy };
    const verdicts = await this.pool.gradeMany(
      items.map((item) => (item.options || !options ? item : { ...item, options })),
      { tenant },
    );
    this.metrics.recordVerdicts(verdicts);
    return { ok: true, value: { verdicts } };
  }
}
