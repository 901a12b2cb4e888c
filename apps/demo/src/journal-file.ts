import { lstat, readlink, realpath } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./usage-error.js";

/** A journal path as the user gave it (for messages), and the file it stands for. */
export interface JournalLocation {
  path: string;
  file: string;
}

/**
 * Follows the links of `path` once per run: the lock and the journal are then given the
 * same file, even if a link is pointed elsewhere while the run starts.
 */
export async function locateJournal(path: string): Promise<JournalLocation> {
  return { path, file: await journalFile(path) };
}

/** As many links as Linux follows in one path before it gives up with ELOOP. */
const MAX_LINKS = 40;

/**
 * The file a journal path stands for, after symbolic links, even one whose target does
 * not exist yet: the journal is written (and locked) there. Renaming over the link
 * instead would replace the link, and a run given the target would take another lock.
 */
async function journalFile(path: string): Promise<string> {
  const first = await readLinkOrUndefined(path);
  let current = path;

  for (let hop = 0; hop <= MAX_LINKS; hop++) {
    let failure: NodeJS.ErrnoException;
    try {
      return await realpath(current);
    } catch (error) {
      failure = error as NodeJS.ErrnoException;
    }

    if (first !== undefined && failure.code === "ELOOP") throw loop(path, first);

    const target = failure.code === "ENOENT" ? await readLinkOrUndefined(current) : undefined;
    if (target !== undefined) {
      // The link exists, so its folder does: resolve the target from where the link lies.
      current = resolve(await realpath(dirname(current)), target);
      continue;
    }

    const folder = await realpath(dirname(current)).catch(() => undefined);
    if (folder !== undefined) return join(folder, basename(current));
    if (first !== undefined) throw missingFolder(path, first, current);

    // No link involved: the lock and the journal name the missing folder in their messages.
    return path;
  }

  throw loop(path, first as string);
}

async function readLinkOrUndefined(path: string): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isSymbolicLink()) return undefined;

  return readlink(path).catch(() => undefined);
}

function loop(path: string, target: string): UsageError {
  return new UsageError(
    `--journal ${path} is a symbolic link to ${target} that leads back to itself (ELOOP: ` +
      "a loop of links, or too many in a row): point it at the journal file, or pass " +
      "--journal with another path.",
  );
}

function missingFolder(path: string, target: string, end: string): UsageError {
  const leads = end === resolve(dirname(path), target) ? "" : ` (which leads to ${end})`;

  return new UsageError(
    `--journal ${path} is a symbolic link to ${target}${leads}, in a folder that does not ` +
      `exist: create ${dirname(end)}, point the link at a file in a folder that exists, or ` +
      "pass --journal with another path.",
  );
}

/** The lock file of the journal at `file`: next to it, so any path to the journal finds it. */
export const lockFileOf = (file: string) => `${file}.lock`;
