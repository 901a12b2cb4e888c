/**
 * Signals that end the run at once. A closed terminal (SIGHUP) and Ctrl-\ (SIGQUIT) would
 * otherwise kill it with no summary, its lock left behind and a picture left `sending`.
 * Known gap: when the terminal is really gone, Node 20 aborts at exit while it restores the
 * terminal (later Node versions do not), after the journal and lock are settled.
 */
const TERMINATING: readonly NodeJS.Signals[] = ["SIGTERM", "SIGHUP", "SIGQUIT"];

/**
 * Ctrl-C in two steps: the first lets the requests in flight finish (their outcomes stay
 * known) and starts no more; the second, or one of the signals above, aborts those
 * requests too (their pictures are then `unknown`). Either way the run writes its journal
 * and summary.
 */
export class Interrupts {
  readonly controller = new AbortController();
  private requested = false;

  constructor(private notify: (message: string) => void) {
    process.on("SIGINT", this.onInterrupt);
    for (const signal of TERMINATING) process.on(signal, this.onTerminate);
  }

  get stopRequested(): boolean {
    return this.requested;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    process.off("SIGINT", this.onInterrupt);
    for (const signal of TERMINATING) process.off(signal, this.onTerminate);
  }

  private onInterrupt = () => {
    if (!this.requested) {
      this.requested = true;
      this.notify("stopping once the requests in flight finish: press Ctrl-C again to abort them.");
      return;
    }

    this.abort();
  };

  private onTerminate = () => {
    this.requested = true;
    this.abort();
  };

  private abort(): void {
    if (this.controller.signal.aborted) return;

    this.notify("aborting the requests in flight: their pictures will be recorded as unknown.");
    this.controller.abort(new Error("interrupted"));
  }
}
