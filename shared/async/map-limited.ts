/** Runs `work` over `inputs` with at most `limit` in flight, keeping the order of results. */
export async function mapLimited<T, R>(
  inputs: T[],
  limit: number,
  work: (input: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await work(inputs[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
