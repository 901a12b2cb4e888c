import { isInputProblem, type RunEvent, type Summary } from "./events.js";
import { exitCodeFor } from "./exit-code.js";
import type { Logger } from "./logger.js";

type Outcomes = Pick<
  Summary,
  | "toSend"
  | "requests"
  | "uploaded"
  | "failed"
  | "unknown"
  | "alreadyUploaded"
  | "unknownLeftAlone"
  | "bytesUploaded"
  | "authRefused"
>;

/** Passes a run's events to the logger, counting what the summary and exit code need. */
export class RunReport {
  private skipped = 0;
  private inputProblems = 0;
  private unusedCaptions = 0;
  private startedAt = Date.now();

  constructor(
    private logger: Logger,
    private run: Pick<Summary, "target" | "member" | "dryRun" | "journal">,
  ) {}

  get hasInputProblems(): boolean {
    return this.inputProblems > 0 || this.unusedCaptions > 0;
  }

  emit = (event: RunEvent): void => {
    if (event.event === "skipped") {
      this.skipped++;
      if (isInputProblem(event.code)) this.inputProblems++;
    }
    if (event.event === "warning" && event.code === "caption-unused") this.unusedCaptions++;

    this.logger.emit(event);
  };

  /** Prints the summary and returns the exit code. */
  finish(outcomes: Partial<Outcomes>, flags: { interrupted: boolean; strict: boolean }): number {
    const summary: Summary = {
      ...this.run,
      toSend: 0,
      requests: 0,
      uploaded: 0,
      failed: 0,
      unknown: 0,
      alreadyUploaded: 0,
      unknownLeftAlone: 0,
      bytesUploaded: 0,
      authRefused: false,
      ...outcomes,
      skipped: this.skipped,
      inputProblems: this.inputProblems,
      interrupted: flags.interrupted,
      exitCode: 0,
      durationMs: Date.now() - this.startedAt,
    };
    summary.exitCode = exitCodeFor(summary, flags.strict && this.unusedCaptions > 0);
    this.emit({ event: "summary", ...summary });

    return summary.exitCode;
  }
}
