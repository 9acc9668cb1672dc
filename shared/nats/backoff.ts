/** Exponential backoff with full jitter, for reconnecting. */
export function backoffDelays({ initialMs, maxMs }: { initialMs: number; maxMs: number }) {
  let attempt = 0;
  return {
    next: (): number => {
      const ceiling = Math.min(maxMs, initialMs * 2 ** attempt);
      attempt = Math.min(attempt + 1, 30);
      return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    },
    reset: (): void => {
      attempt = 0;
    },
  };
}
