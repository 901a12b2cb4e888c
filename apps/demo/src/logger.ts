import type { RunEvent } from "./events.js";
import { humanLines } from "./human-lines.js";
import { ProgressBar, type ProgressState } from "./progress.js";
import { Redactor } from "./redact.js";
import { showControls } from "./show-controls.js";

export type OutputMode = "json" | "tty" | "plain";

export interface LoggerOptions {
  mode: OutputMode;
  debug: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Every line the CLI prints goes through here: JSON events (--json), plain lines (off a
 * terminal), or a progress bar with problem lines above it (on a terminal). Debug lines
 * go to stderr in every mode. Secrets registered with `redact` never reach any stream, and
 * the lines for people show control characters escaped (JSON escapes them already).
 */
export class Logger {
  private secrets = new Redactor();
  private bar: ProgressBar | undefined;

  constructor(private options: LoggerOptions) {}

  get mode(): OutputMode {
    return this.options.mode;
  }

  redact(secret: string): void {
    this.secrets.add(secret);
  }

  emit(event: RunEvent): void {
    if (this.options.mode === "json") {
      const line = JSON.stringify({ ...event, time: new Date().toISOString() });
      this.write(this.options.stdout, this.secrets.apply(line));
      return;
    }

    const { lines, problem } = humanLines(event);
    const text = this.forPeople(lines);

    if (this.bar && event.event !== "summary") {
      // On a terminal the bar stands for the uploaded pictures; everything else shows above it.
      if (event.event !== "uploaded") this.bar.log(text);
      return;
    }

    this.write(problem ? this.options.stderr : this.options.stdout, text);
  }

  debug(text: string): void {
    if (!this.options.debug) return;

    const shown = this.forPeople(`debug ${text}`.split("\n"));
    if (this.bar) this.bar.log(shown);
    else this.write(this.options.stderr, shown);
  }

  startProgress(state: ProgressState): void {
    if (this.options.mode === "tty") this.bar = new ProgressBar(this.options.stderr, state);
  }

  progress(state: ProgressState): void {
    this.bar?.update(state);
  }

  stopProgress(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  private write(stream: NodeJS.WritableStream, text: string): void {
    stream.write(`${text}\n`);
  }

  /** Redacted first: a token written with escapes would no longer match. */
  private forPeople(lines: string[]): string {
    return lines.map((line) => showControls(this.secrets.apply(line))).join("\n");
  }
}
