/**
 * Runs body with a signal that Ctrl-C (SIGINT) or SIGTERM aborts, instead of ending the process: what the
 * body does with it (stop PowerShell, stop reading snapshots) is its own. The handlers are gone afterwards.
 */
export async function interruptible<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onSignal = () => ac.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body(ac.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
