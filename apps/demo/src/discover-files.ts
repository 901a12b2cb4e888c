import type { Dirent, Stats } from "node:fs";
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Skip } from "./events.js";
import { byCodePoint, expandGlob, hasGlobMagic } from "./glob.js";
import { describeKind, fixForUnreadable, unreadableCode } from "./regular-file.js";

export interface FoundFile {
  /** The path as the user sees it: as given, or joined under the folder given. */
  path: string;
  absolute: string;
}

export interface Discovery {
  files: FoundFile[];
  skipped: Skip[];
}

const JPEG_NAME = /\.jpe?g$/i;

/**
 * Expands files, folders and glob patterns into a stable list of files: the inputs in
 * the order given, each folder or pattern sorted by name. Every path left out is named
 * in `skipped` with the reason.
 */
export async function discoverFiles(
  inputs: readonly string[],
  options: { recursive: boolean; cwd: string },
): Promise<Discovery> {
  const found = new Discoverer(options.recursive, options.cwd);

  for (const input of inputs) {
    await found.addInput(input);
  }

  return { files: found.files, skipped: found.skipped };
}

class Discoverer {
  files: FoundFile[] = [];
  skipped: Skip[] = [];
  private seen = new Map<string, string>();
  /** Paths already reported as missing or unreadable: one line each, however often given. */
  private failed = new Set<string>();

  constructor(
    private recursive: boolean,
    private cwd: string,
  ) {}

  async addInput(input: string): Promise<void> {
    const info = await statOrError(resolve(this.cwd, input));

    if (info instanceof Error && info.code === "ENOENT" && hasGlobMagic(input)) {
      await this.addPattern(input);
      return;
    }

    if (info instanceof Error) {
      await this.skip(input, info);
      return;
    }

    if (info.isDirectory()) {
      await this.addFolder(input);
      return;
    }

    await this.addFile(input, info);
  }

  private async addPattern(pattern: string): Promise<void> {
    const matches = await expandGlob(pattern, this.cwd);
    if (matches.length === 0) {
      this.skipped.push({
        path: pattern,
        code: "no-match",
        reason: "matches no files: check the pattern and the folder it starts from.",
      });
    }

    for (const path of matches) {
      const info = await statOrError(resolve(this.cwd, path));
      if (info instanceof Error) await this.skip(path, info);
      else await this.addFile(path, info);
    }
  }

  /** Adds the JPEGs of a folder (and of its sub-folders with --recursive). */
  private async addFolder(folder: string, topLevel = true): Promise<void> {
    const absolute = resolve(this.cwd, folder);

    let entries: Dirent[];
    try {
      if (this.alreadySeen(folder, await realpath(absolute))) return;
      entries = await readdir(absolute, { withFileTypes: true });
    } catch (error) {
      await this.skip(folder, error as NodeJS.ErrnoException);
      return;
    }

    const before = this.files.length;
    for (const entry of entries.sort((a, b) => byCodePoint(a.name, b.name))) {
      await this.addFolderEntry(join(folder, entry.name), entry.name);
    }

    // A sub-folder without pictures is no mistake; a folder named on the command line is.
    if (topLevel && this.files.length === before) {
      const hint = this.recursive ? "" : " (pass --recursive to look in its sub-folders)";
      this.skipped.push({
        path: folder,
        code: "no-jpegs",
        reason: `holds no .jpg or .jpeg files${hint}: name a folder with JPEG pictures.`,
      });
    }
  }

  private async addFolderEntry(path: string, name: string): Promise<void> {
    const info = await statOrError(resolve(this.cwd, path));
    if (info instanceof Error) {
      await this.skip(path, info);
      return;
    }

    if (info.isDirectory()) {
      if (this.recursive) {
        await this.addFolder(path, false);
        return;
      }

      this.skipped.push({
        path,
        code: "folder-not-recursive",
        reason: "is a sub-folder: pass --recursive to take its pictures too.",
      });
      return;
    }

    if (name.startsWith(".")) {
      this.skipped.push({
        path,
        code: "hidden",
        reason: "is hidden, so it is not one of the folder's pictures: name it to send it.",
      });
      return;
    }

    if (!JPEG_NAME.test(name)) {
      this.skipped.push({
        path,
        code: "not-jpeg-name",
        reason: "is not named .jpg or .jpeg, so it is not one of the folder's pictures.",
      });
      return;
    }

    await this.addFile(path, info);
  }

  private async addFile(path: string, info: Stats): Promise<void> {
    if (!info.isFile()) {
      this.skipped.push({
        path,
        code: "not-a-file",
        reason: `is ${describeKind(info)}, not a regular file: name JPEG files or folders.`,
      });
      return;
    }

    const absolute = resolve(this.cwd, path);
    const real = await realpath(absolute).catch(() => absolute);
    if (this.alreadySeen(path, real)) return;

    this.files.push({ path, absolute });
  }

  private alreadySeen(path: string, real: string): boolean {
    const first = this.seen.get(real);
    if (first === undefined) {
      this.seen.set(real, path);
      return false;
    }
    // The same argument twice is one path: its one line (sent, or why not) covers both.
    if (first === path) return true;

    this.skipped.push({
      path,
      code: "listed-twice",
      reason: `is already in the list (as ${first}), so it is taken once.`,
    });
    return true;
  }

  private async skip(path: string, error: NodeJS.ErrnoException): Promise<void> {
    const absolute = resolve(this.cwd, path);
    if (this.failed.has(absolute)) return;
    this.failed.add(absolute);

    if (error.code === "ENOENT") {
      const target = await danglingTarget(absolute);
      const reason =
        target === undefined
          ? "does not exist: check the path."
          : `is a symbolic link to ${target}, which does not exist: fix the link or name ` +
            "the picture itself.";
      this.skipped.push({ path, code: "not-found", reason });
    } else {
      const code = unreadableCode(error);
      this.skipped.push({
        path,
        code: "unreadable",
        reason: `cannot be read (${code}): ${fixForUnreadable(code)}.`,
      });
    }
  }
}

/** What a symbolic link at `path` points to, when it is one: stat follows it, lstat does not. */
async function danglingTarget(path: string): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isSymbolicLink()) return undefined;

  return readlink(path).catch(() => undefined);
}

function statOrError(path: string): Promise<Stats | NodeJS.ErrnoException> {
  return stat(path).catch((error: NodeJS.ErrnoException) => error);
}
