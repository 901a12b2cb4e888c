import type { RunEvent } from "./events.js";
import { humanLines } from "./human-lines.js";
import { ProgressBar, type ProgressState } from "./progress.js";

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
 * go to stderr in every mode. Secrets registered with `redact` never reach any stream.
 */
export class Logger {
  private secrets: string[] = [];
  private bar: ProgressBar | undefined;

  constructor(private options: LoggerOptions) {}

  get mode(): OutputMode {
    return this.options.mode;
  }

  redact(secret: string): void {
    if (secret.length > 0) this.secrets.push(secret);
  }

  emit(event: RunEvent): void {
    if (this.options.mode === "json") {
      this.write(this.options.stdout, JSON.stringify({ ...event, time: new Date().toISOString() }));
      return;
    }

    const { text, problem } = humanLines(event);

    if (this.bar && event.event !== "summary") {
      // On a terminal the bar stands for the uploaded pictures; everything else shows above it.
      if (event.event !== "uploaded") this.bar.log(this.clean(text));
      return;
    }

    this.write(problem ? this.options.stderr : this.options.stdout, text);
  }

  debug(text: string): void {
    if (!this.options.debug) return;

    if (this.bar) this.bar.log(this.clean(`debug ${text}`));
    else this.write(this.options.stderr, `debug ${text}`);
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
    stream.write(`${this.clean(text)}\n`);
  }

  private clean(text: string): string {
    return this.secrets.reduce((result, secret) => result.replaceAll(secret, "[REDACTED]"), text);
  }
}
