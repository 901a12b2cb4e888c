import type { RunEvent, Summary } from "./events.js";
import { isInputProblem } from "./events.js";
import { formatBytes, formatDuration, plural } from "./format.js";

export interface HumanLine {
  /** One line, or several for the summary; each may still hold control characters. */
  lines: string[];
  /** Problems go to stderr; results and the summary to stdout. */
  problem: boolean;
}

/** The line (or lines) a person reads for an event. */
export function humanLines(event: RunEvent): HumanLine {
  switch (event.event) {
    case "uploaded":
      return result(`uploaded  ${event.file} (${formatBytes(event.bytes)})`);
    case "failed":
      return problem(`failed    ${event.file}: ${event.reason}${attempts(event)}`);
    case "unknown":
      return problem(
        `unknown   ${event.file}: ${event.reason}; it may or may not have been stored`,
      );
    case "skipped":
      return isInputProblem(event.code) || event.code === "not-sent"
        ? problem(`skipped   ${event.path}: ${event.reason}`)
        : result(`skipped   ${event.path}: ${event.reason}`);
    case "not-sent":
      return problem(
        `${plural(event.pictures, "picture")} ${event.reason.replace(/\.$/, "")}; ` +
          "run the same command again to send them",
      );
    case "warning":
      return problem(`warning   ${event.message}`);
    case "batch":
      return result(
        `batch ${event.batch}: ${plural(event.pictures, "picture")}, ` +
          `${formatBytes(event.bytes)} request: ${event.files.join(", ")}`,
      );
    case "error":
      return problem(`add-free-pictures: ${event.message}`);
    case "summary":
      return result(summaryLines(event));
  }
}

function result(text: string | string[]): HumanLine {
  return { lines: [text].flat(), problem: false };
}

function problem(text: string): HumanLine {
  return { lines: [text], problem: true };
}

function attempts(event: { httpStatus?: number; attempts: number }): string {
  const parts = [];
  if (event.httpStatus !== undefined) parts.push(`HTTP ${event.httpStatus}`);
  if (event.attempts > 1) parts.push(`${event.attempts} attempts`);

  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function summaryLines(summary: Summary): string[] {
  const forMember = summary.member === null ? "" : ` for member ${summary.member}`;
  const where = `${summary.target}${forMember}`;
  const lines = [];

  if (summary.dryRun) {
    lines.push(
      `Dry run for ${where}: ${plural(summary.toSend, "picture")} would go in ` +
        `${plural(summary.requests, "request")}; nothing was sent.`,
    );
  } else {
    lines.push(
      `${summary.interrupted ? "Interrupted" : "Done"}: ${summary.uploaded} uploaded, ` +
        `${summary.failed} failed, ${summary.unknown} unknown, ${summary.skipped} skipped` +
        `${summary.notSent > 0 ? `, ${summary.notSent} not sent` : ""} (${formatBytes(summary.bytesUploaded)} to ${where} ` +
        `in ${formatDuration(summary.durationMs)}).`,
    );
  }

  if (summary.alreadyUploaded > 0) {
    lines.push(`${plural(summary.alreadyUploaded, "picture")} already uploaded in an earlier run.`);
  }
  if (summary.unknownLeftAlone > 0) {
    lines.push(
      `${plural(summary.unknownLeftAlone, "picture")} left alone: an earlier run could not ` +
        "tell whether the server got them (the lines above say why). Check the gallery, then " +
        "re-run with --retry-unknown to send them again.",
    );
  }
  if (summary.inputProblems > 0) {
    lines.push(`${plural(summary.inputProblems, "input")} rejected: see the lines above.`);
  }
  if (summary.authRefused) {
    lines.push(
      "The server refused the access token: get a new one with the profile_gallery scope.",
    );
  }
  if (summary.journal !== null) lines.push(`Journal: ${summary.journal}`);

  return lines;
}
