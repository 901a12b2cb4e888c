import type { Stats } from "node:fs";
import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";

/** Why a file named on the command line was not read. */
export type FileProblem =
  | { kind: "missing" }
  /** `what`: "a folder", "a named pipe", "a device", "a socket" or "a special file". */
  | { kind: "not-a-file"; what: string }
  | { kind: "too-large"; size: number }
  | { kind: "unreadable"; code: string };

/** Thrown by the readers below; `problem` says why, for a message that names the option. */
export class FileProblemError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.kind);
  }
}

/**
 * Opens `path` only if it is a regular file. The open does not wait (a named pipe with no
 * writer would block it forever) and the check runs on what was opened, not on the name,
 * so a device, a pipe or a folder is refused before a single byte is read.
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw problemOf(error as NodeJS.ErrnoException);
  }

  const info = await handle.stat().catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error || !info.isFile()) {
    await handle.close();
    throw info instanceof Error
      ? problemOf(info)
      : new FileProblemError({ kind: "not-a-file", what: describeKind(info) });
  }

  return { handle, size: info.size };
}

/** The whole of a regular file, refused when it holds more than `maxBytes`. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path);
  try {
    if (size > maxBytes) throw new FileProblemError({ kind: "too-large", size });

    return await readAtMost(handle, maxBytes, size);
  } finally {
    await handle.close();
  }
}

/**
 * Reads to the end; a file that grew past `maxBytes` since it was opened is refused.
 * `sizeWhenOpened` sizes the one buffer it reads into (a byte more, to see growth), so a
 * file as large as it was takes one read and no copy.
 */
export async function readAtMost(
  handle: FileHandle,
  maxBytes: number,
  sizeWhenOpened = 0,
): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.min(sizeWhenOpened, maxBytes) + 1);
  let total = 0;

  for (;;) {
    // Grown since it was opened: twice the room, never more than one byte past the cap.
    if (total === buffer.length) {
      const larger = Buffer.allocUnsafe(Math.min(2 * buffer.length, maxBytes + 1));
      buffer.copy(larger);
      buffer = larger;
    }

    const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
    if (bytesRead === 0) break;

    total += bytesRead;
    if (total > maxBytes) throw new FileProblemError({ kind: "too-large", size: total });
  }

  return buffer.subarray(0, total);
}

function problemOf(error: NodeJS.ErrnoException): FileProblemError {
  if (error.code === "ENOENT") return new FileProblemError({ kind: "missing" });

  return new FileProblemError({ kind: "unreadable", code: unreadableCode(error) });
}

/** The system's code for a failed file operation (such as ENOSPC), or its message. */
export function errorCode(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") return code;

  return typeof message === "string" ? message : String(error);
}

/** The code a message about a file that cannot be read shows; fixForUnreadable knows it. */
export function unreadableCode(error: unknown): string {
  const code = errorCode(error);

  return code === "EACCES" || code === "EPERM" ? "permission denied" : code;
}

/** "a folder", "a named pipe", "a device"...: what a file that is not regular is. */
export function describeKind(info: Stats): string {
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a named pipe";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSocket()) return "a socket";

  return "a special file";
}

/** What to do about a file that exists but cannot be read, by the code of the failure. */
export function fixForUnreadable(code: string): string {
  switch (code) {
    case "permission denied":
      return "check its permissions";
    case "ELOOP":
      return "it is a symbolic link that leads back to itself: point it at a real file";
    case "ENAMETOOLONG":
      return "its path is longer than the system takes: move it somewhere shorter";
    case "EIO":
      return "the disk could not read it: copy it again from where it came";
    default:
      return "check that it exists and can be read";
  }
}
