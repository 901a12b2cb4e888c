import type { Summary } from "./events.js";

/** The documented exit codes; README.md and --help list the same. */
export const EXIT = {
  ok: 0,
  notAllUploaded: 1,
  usage: 2,
  authRefused: 3,
  interrupted: 130,
} as const;

/**
 * The most urgent thing the exit code can say about a run, in this order. `stopped`: the
 * run stopped for --strict (an unused caption), or because the journal could not be written.
 */
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
  stopped: { byStrict?: boolean; byJournal?: boolean } = {},
): number {
  if (summary.interrupted) return EXIT.interrupted;
  if (summary.authRefused) return EXIT.authRefused;
  const notUploaded = summary.failed + summary.unknown + summary.unknownLeftAlone + summary.notSent;
  // A journal that failed mid-run leaves uploads it does not record, even the last one's.
  if (notUploaded > 0 || stopped.byJournal) return EXIT.notAllUploaded;
  if (summary.inputProblems > 0 || stopped.byStrict) return EXIT.usage;

  return EXIT.ok;
}
