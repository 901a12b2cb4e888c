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
  /** Kept-back pictures by reason: one line each at the end, not one per picture. */
  private notSent = new Map<string, number>();
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
    if (event.event === "skipped" && event.code === "not-sent") {
      this.notSent.set(event.reason, (this.notSent.get(event.reason) ?? 0) + 1);
      // Hundreds of the same line say less than one count; --json keeps each picture's.
      if (this.logger.mode !== "json") return;
    } else if (event.event === "skipped") {
      this.skipped++;
      if (isInputProblem(event.code)) this.inputProblems++;
    }
    if (event.event === "warning" && event.code === "caption-unused") this.unusedCaptions++;

    this.logger.emit(event);
  };

  /** Prints the summary and returns the exit code. */
  finish(
    outcomes: Partial<Outcomes>,
    flags: { interrupted: boolean; strict: boolean; journalFailed?: boolean },
  ): number {
    for (const [reason, pictures] of this.notSent) {
      this.logger.emit({ event: "not-sent", pictures, reason });
    }

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
      notSent: [...this.notSent.values()].reduce((sum, count) => sum + count, 0),
      inputProblems: this.inputProblems,
      interrupted: flags.interrupted,
      exitCode: 0,
      durationMs: Date.now() - this.startedAt,
    };
    summary.exitCode = exitCodeFor(summary, {
      byStrict: flags.strict && this.unusedCaptions > 0,
      byJournal: flags.journalFailed ?? false,
    });
    this.emit({ event: "summary", ...summary });

    return summary.exitCode;
  }
}
