export async function startNatsFrontend(_: unknown): Promise<{ stop(): Promise<void> }> {
  return { stop: async () => {} };
}
