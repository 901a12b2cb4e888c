/**
 * Ctrl-C in two steps: the first lets the requests in flight finish (their outcomes stay
 * known) and starts no more; the second, or SIGTERM, aborts those requests too (their
 * pictures are then `unknown`). Either way the run writes its journal and summary.
 */
export class Interrupts {
  readonly controller = new AbortController();
  private requested = false;

  constructor(private notify: (message: string) => void) {
    process.on("SIGINT", this.onInterrupt);
    process.on("SIGTERM", this.onTerminate);
  }

  get stopRequested(): boolean {
    return this.requested;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    process.off("SIGINT", this.onInterrupt);
    process.off("SIGTERM", this.onTerminate);
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
