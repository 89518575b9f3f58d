/**
 * Wraps an optional event listener so that one that throws cannot stop the caller's loop (the
 * registrars' heartbeats and keep-alives); a missing listener is a no-op.
 */
export function safeListener<TEvent>(listener: ((event: TEvent) => void) | undefined): (event: TEvent) => void {
  return (event) => {
    try {
      listener?.(event);
    } catch {
      // A faulty listener must not stop the heartbeats or keep-alives.
    }
  };
}
