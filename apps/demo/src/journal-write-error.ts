/** A write to the journal failed; `code` is the system's name for why, such as ENOSPC. */
export class JournalWriteError extends Error {
  override name = "JournalWriteError";

  constructor(
    /** The journal as the user named it. */
    readonly path: string,
    readonly code: string,
    options: ErrorOptions,
  ) {
    super(`the journal ${path} could not be written (${code})`, options);
  }
}

/** What to do about a journal that could not be written, by the code of the failure. */
export function fixForUnwritable(code: string): string {
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return "free some space on its disk";
    case "EFBIG":
      return "it reached the largest file size allowed here (ulimit -f): raise that limit";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "make it writable again";
    default:
      return "check that it is still a file you can write";
  }
}

/** How many names the message lists; the output lists every uploaded picture anyway. */
const MAX_NAMES = 10;

/**
 * The one message for a run that stopped because its journal could not be written.
 * `unrecorded`: the pictures the server accepted whose outcome the journal lacks.
 */
export function journalStopMessage(error: JournalWriteError, unrecorded: readonly string[]) {
  const stop =
    `--journal ${error.path} could not be written (${error.code}), so the run stopped and ` +
    `started no more requests: ${fixForUnwritable(error.code)}, then run the same command ` +
    "again.";
  if (unrecorded.length === 0) return `${stop} Every picture uploaded is recorded in it.`;

  const more = unrecorded.length - MAX_NAMES;
  const names = unrecorded.slice(0, MAX_NAMES).join(", ") + (more > 0 ? ` and ${more} more` : "");
  return (
    `${stop} Uploaded and listed in the output, but not recorded in the journal (it has ` +
    `them as sending, so the next run counts them as unknown and leaves them alone): ${names}.`
  );
}
