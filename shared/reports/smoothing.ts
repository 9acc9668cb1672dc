/** Each value replaced by the mean of itself and up to `window - 1` values before it (the first ones average what there is). */
export function trailingMean(values: readonly number[], window: number): number[] {
  return values.map((_, i) => {
    const span = values.slice(Math.max(0, i - window + 1), i + 1);
    return span.reduce((a, b) => a + b, 0) / span.length;
  });
}
