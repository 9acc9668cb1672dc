/**
 * The pool's waiting room: one queue per tenant (one caller, or one client connection), served in turn,
 * so that a tenant with a big or slow batch cannot make everyone else wait behind all of it.
 */

/** Who is asking: a caller's own key, or a symbol that stands for one call alone. */
export type TenantKey = string | symbol;

/** How fast the cost estimate follows a dearer item (a slow item warns of more) and a cheaper one. */
const RISE = 0.5;
const FALL = 0.125;

export class Tenant<J> {
  /** Jobs not yet sent to a worker, oldest first. */
  readonly jobs: J[] = [];
  /** How many of this tenant's jobs each worker holds (sent, not yet answered). */
  readonly held = new Map<object, number>();
  /** Jobs sent to workers and not yet answered. */
  inFlight = 0;
  /** Milliseconds one of its items is expected to take; undefined until one has been graded. */
  costMs: number | undefined;

  constructor(readonly key: TenantKey) {}

  /** Learns from the time an item of this tenant took. */
  observe(ms: number): void {
    if (this.costMs === undefined) this.costMs = ms;
    else this.costMs += (ms - this.costMs) * (ms > this.costMs ? RISE : FALL);
  }

  hold(worker: object, count: number): void {
    this.held.set(worker, (this.held.get(worker) ?? 0) + count);
    this.inFlight += count;
  }

  release(worker: object, count: number): void {
    const left = (this.held.get(worker) ?? 0) - count;
    if (left > 0) this.held.set(worker, left);
    else this.held.delete(worker);
    this.inFlight -= count;
  }
}

export class TenantQueues<J> {
  private readonly byKey = new Map<TenantKey, Tenant<J>>();
  /** Tenants with queued jobs, in the order they get their next turn. */
  readonly waiting: Tenant<J>[] = [];
  /** Jobs queued, over all tenants. */
  queued = 0;

  /** The tenant of `key`, created on first use. */
  tenant(key: TenantKey): Tenant<J> {
    let tenant = this.byKey.get(key);
    if (!tenant) {
      tenant = new Tenant<J>(key);
      this.byKey.set(key, tenant);
    }
    return tenant;
  }

  /** Queues jobs at the back of their tenant's queue; a tenant that was not waiting gets the last turn. */
  push(tenant: Tenant<J>, jobs: readonly J[]): void {
    if (jobs.length === 0) return;
    if (tenant.jobs.length === 0) this.waiting.push(tenant);
    for (const job of jobs) tenant.jobs.push(job);
    this.queued += jobs.length;
  }

  /** Puts jobs taken back from a worker at the front of their tenant's queue, and that tenant first in turn. */
  requeue(tenant: Tenant<J>, jobs: readonly J[]): void {
    if (jobs.length === 0) return;
    if (tenant.jobs.length === 0) this.waiting.unshift(tenant);
    tenant.jobs.unshift(...jobs);
    this.queued += jobs.length;
  }

  /** Takes up to `count` of the tenant's oldest jobs; the tenant's next turn comes after everyone else's. */
  take(tenant: Tenant<J>, count: number): J[] {
    const jobs = tenant.jobs.splice(0, count);
    this.queued -= jobs.length;
    this.waiting.splice(this.waiting.indexOf(tenant), 1);
    if (tenant.jobs.length > 0) this.waiting.push(tenant);
    return jobs;
  }

  /** Takes every queued job, of every tenant. */
  takeAll(): J[] {
    const jobs = this.waiting.flatMap((tenant) => tenant.jobs.splice(0));
    this.waiting.length = 0;
    this.queued = 0;
    return jobs;
  }

  /** Drops a tenant with nothing queued and nothing in flight, so that one-call tenants do not pile up. */
  forgetIfIdle(tenant: Tenant<J>): void {
    if (tenant.jobs.length === 0 && tenant.inFlight === 0) this.byKey.delete(tenant.key);
  }
}
