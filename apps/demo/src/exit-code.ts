import type { Summary } from "./events.js";

/** The documented exit codes; README.md and --help list the same. */
export const EXIT = {
  ok: 0,
  notAllUploaded: 1,
  usage: 2,
  authRefused: 3,
  interrupted: 130,
} as const;

/** The most urgent thing the exit code can say about a run, in this order. */
export function exitCodeFor(
  summary: Pick<
    Summary,
    | "interrupted"
    | "authRefused"
    | "failed"
    | "unknown"
    | "unknownLeftAlone"
    | "notSent"
    | "inputProblems"
  >,
  strictStop: boolean,
): number {
  if (summary.interrupted) return EXIT.interrupted;
  if (summary.authRefused) return EXIT.authRefused;
  const notUploaded = summary.failed + summary.unknown + summary.unknownLeftAlone + summary.notSent;
  if (notUploaded > 0) return EXIT.notAllUploaded;
  if (summary.inputProblems > 0 || strictStop) return EXIT.usage;

  return EXIT.ok;
}
