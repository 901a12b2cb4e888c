/**
 * Signals that abort the requests in flight at once, then sum up; a second one ends the run
 * there. A closed terminal (SIGHUP) and Ctrl-\ (SIGQUIT) would otherwise kill it with no
 * summary, its lock left behind and a picture left `sending`.
 * Known gap: when the terminal is really gone, Node 20 aborts at exit while it restores the
 * terminal (later Node versions do not), after the journal and lock are settled.
 */
const TERMINATING: readonly NodeJS.Signals[] = ["SIGTERM", "SIGHUP", "SIGQUIT"];

/**
 * Signals this soon after a Ctrl-C are part of it. Run through pnpm (`pnpm demo`), one
 * press also brings pnpm's own SIGTERM (or a copy of the SIGINT) a few ms later, which
 * would skip the gentle stop and leave the pictures in flight unknown.
 */
const ONE_PRESS_MS = 500;

/**
 * Ctrl-C in steps: the first lets the requests in flight finish (their outcomes stay
 * known) and starts no more, not even a retry; the second, or one of the signals above,
 * aborts those requests too (their pictures are then `unknown`). Either way the run
 * writes its journal and summary. Any of them after the abort calls `endNow`, for a run
 * that hangs anyway (a disk that stopped answering): it must not wait for SIGKILL.
 */
export class Interrupts {
  private controller = new AbortController();
  private stopper = new AbortController();
  private lastInterruptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private notify: (message: string) => void,
    /** Releases what the run holds and ends the process; it does not return. */
    private endNow: () => void,
  ) {
    process.on("SIGINT", this.onInterrupt);
    for (const signal of TERMINATING) process.on(signal, this.onTerminate);
  }

  get stopRequested(): boolean {
    return this.stopper.signal.aborted;
  }

  /** Aborts on the first stop: no request starts after it. */
  get stopSignal(): AbortSignal {
    return this.stopper.signal;
  }

  /** Aborts the requests in flight. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    process.off("SIGINT", this.onInterrupt);
    for (const signal of TERMINATING) process.off(signal, this.onTerminate);
  }

  private onInterrupt = () => {
    if (this.sameAsLastPress()) return;
    this.lastInterruptAt = performance.now();

    if (!this.stopRequested) {
      this.stopper.abort(new Error("interrupted"));
      this.notify("stopping once the requests in flight finish: press Ctrl-C again to abort them.");
      return;
    }

    this.onTerminate("SIGINT");
  };

  private onTerminate = (signal: NodeJS.Signals) => {
    if (signal === "SIGTERM" && this.sameAsLastPress()) return;

    if (this.controller.signal.aborted) {
      // Journal writes are synchronous, so none is half done when a signal is handled.
      this.notify(
        `${signal} while already stopping: ending at once, with no summary. The journal ` +
          "keeps what it recorded; a picture being sent stays `sending`, which the next run " +
          "counts as unknown.",
      );
      this.endNow();
      return;
    }

    this.stopper.abort(new Error("interrupted"));
    this.abort();
  };

  private sameAsLastPress(): boolean {
    return performance.now() - this.lastInterruptAt < ONE_PRESS_MS;
  }

  private abort(): void {
    if (this.controller.signal.aborted) return;

    this.notify("aborting the requests in flight: their pictures will be recorded as unknown.");
    this.controller.abort(new Error("interrupted"));
  }
}
