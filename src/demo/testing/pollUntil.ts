/**
 * Test helper: calls `probe` until it returns a value other than `undefined` (or stops throwing),
 * every `intervalMs`, failing after `timeoutMs`. Replaces fixed sleeps.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
