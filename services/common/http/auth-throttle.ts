/**
 * Slows down guessing of a bearer token: an address that sends too many wrong tokens within a window is
 * locked out for a while, longer each time it happens again (up to a cap). While locked out, its
 * requests are refused without looking at the token, so guessing cannot go on at full speed, and a
 * right guess would not even be noticed.
 *
 * Memory is bounded: at most `maxTracked` addresses are remembered; when more appear, the one heard
 * from least recently is forgotten.
 */

export interface AuthThrottleLimits {
  /** Wrong tokens from one address within `windowMs` that lock it out. */
  maxFailures: number;
  windowMs: number;
  /** The first lockout; each further one doubles it, up to `maxLockoutMs`. */
  lockoutMs: number;
  maxLockoutMs: number;
  maxTracked: number;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleLimits = {
  maxFailures: 10,
  windowMs: 60_000,
  lockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
  maxTracked: 10_000,
};

/** The policy in words, for the services' usage text. */
export function describeAuthThrottle(limits: AuthThrottleLimits = DEFAULT_AUTH_THROTTLE): string {
  return `an address that sends ${limits.maxFailures} wrong tokens within ${limits.windowMs / 1000} s is locked out (429) for ${limits.lockoutMs / 1000} s, twice as long each time again, up to ${limits.maxLockoutMs / 60_000} min`;
}

interface AddressRecord {
  /** Wrong tokens since `windowStart`. */
  failures: number;
  windowStart: number;
  /** Lockouts so far: the next one lasts lockoutMs × 2^lockouts. */
  lockouts: number;
  lockedUntil: number;
  lastSeen: number;
}

export class AuthThrottle {
  private readonly records = new Map<string, AddressRecord>();

  constructor(
    private readonly limits: AuthThrottleLimits = DEFAULT_AUTH_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long `address` is still locked out, ms; 0 when it may try. */
  lockedForMs(address: string): number {
    const record = this.records.get(address);
    return record ? Math.max(0, record.lockedUntil - this.now()) : 0;
  }

  /** A wrong token from `address`; returns how long it is now locked out (0 when not). */
  failed(address: string): number {
    const now = this.now();
    const record = this.touch(address, now);
    if (now - record.windowStart >= this.limits.windowMs) {
      record.failures = 0;
      record.windowStart = now;
    }
    record.failures++;
    if (record.failures >= this.limits.maxFailures) {
      const lockout = Math.min(this.limits.maxLockoutMs, this.limits.lockoutMs * 2 ** record.lockouts);
      record.lockouts++;
      record.lockedUntil = now + lockout;
      record.failures = 0;
      record.windowStart = now + lockout;
    }
    return Math.max(0, record.lockedUntil - now);
  }

  /** The right token from `address`: its past failures no longer count. */
  succeeded(address: string): void {
    this.records.delete(address);
  }

  /** Addresses remembered (for tests and metrics). */
  get tracked(): number {
    return this.records.size;
  }

  private touch(address: string, now: number): AddressRecord {
    const record = this.records.get(address) ?? {
      failures: 0,
      windowStart: now,
      lockouts: 0,
      lockedUntil: 0,
      lastSeen: now,
    };
    record.lastSeen = now;
    // Map order is insertion order: re-inserting keeps the least recently heard-from address first.
    this.records.delete(address);
    this.records.set(address, record);
    this.forgetStale(now);
    return record;
  }

  /**
   * Forgets, oldest first, addresses beyond the cap and those silent for longer than the longest lockout
   * (their record no longer matters: the lockout is over and the window long gone).
   */
  private forgetStale(now: number): void {
    for (const [address, record] of this.records) {
      const stale = now - record.lastSeen > this.limits.maxLockoutMs && record.lockedUntil <= now;
      if (this.records.size <= this.limits.maxTracked && !stale) return;
      this.records.delete(address);
    }
  }
}
