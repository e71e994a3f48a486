/** The timeouts of one live run: all cleared together when it ends. */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.pending.delete(t);
      fn();
    }, ms);
    this.pending.add(t);
    return t;
  }

  clearAll(): void {
    for (const t of this.pending) clearTimeout(t);
  }
}

/** A limit for a message: "300 ms", "2.5 s". */
export function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
