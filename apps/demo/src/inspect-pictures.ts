import { createHash } from "node:crypto";
import { openAsBlob } from "node:fs";
import type { PictureError, PictureErrorCode, Uploader } from "@adultwork-api/client";
import type { Captions } from "./captions.js";
import type { FoundFile } from "./discover-files.js";
import type { Skip, SkipCode } from "./events.js";
import { formatBytes } from "./format.js";
import {
  FileProblemError,
  fixForUnreadable,
  openRegularFile,
  readAtMost,
  unreadableCode,
} from "./regular-file.js";

/** A file that passed every check, described by its content hash; its bytes are not kept. */
export interface CheckedFile extends FoundFile {
  sha256: string;
  size: number;
  description: string | undefined;
  /**
   * The file's content as the upload reads it. Node refuses to read it once the file
   * changes, so what is sent is what was hashed, or nothing.
   */
  content: Blob;
}

export interface InspectOptions {
  captions: Captions | undefined;
  description: string | undefined;
  /** Runs the client's checks without sending, the request budget included. */
  planner: Uploader;
  maxRequestBytes: number;
  onSkip(skip: Skip): void;
  /** Checked before each file, so Ctrl-C stops a long scan. */
  stopped(): boolean;
}

// The client's reasons a picture cannot be sent, as this tool's skip codes. The others
// (an unreadable Blob, a bad description) cannot come from bytes and a caption in hand.
const SKIP_CODES: Partial<Record<PictureErrorCode, SkipCode>> = {
  empty: "empty",
  "not-jpeg": "not-jpeg",
  truncated: "truncated",
  "too-large": "too-large",
};

/**
 * Reads each file once, one at a time, and keeps those that are complete JPEGs that fit
 * in a request. Every other file is reported through `onSkip` with the reason and a fix.
 */
export async function inspectPictures(
  files: readonly FoundFile[],
  options: InspectOptions,
): Promise<CheckedFile[]> {
  const checked: CheckedFile[] = [];

  for (const file of files) {
    if (options.stopped()) break;

    const description = options.captions?.for(file.absolute) ?? options.description;
    const result = await inspect(file, description, options);

    if ("code" in result) options.onSkip(result);
    else checked.push(result);
  }

  return checked;
}

async function inspect(
  file: FoundFile,
  description: string | undefined,
  options: InspectOptions,
): Promise<CheckedFile | Skip> {
  const read = await readPicture(file, options.maxRequestBytes);
  if ("code" in read) return read;
  const { content, bytes } = read;

  const [problem] = await options.planner.checkPictures([{ image: bytes, description }], {
    maxRequestBytes: options.maxRequestBytes,
  });
  if (problem) return pictureProblem(file.path, problem, bytes.length, options.maxRequestBytes);

  return {
    ...file,
    sha256: sha256(bytes),
    size: bytes.length,
    description,
    content,
  };
}

/**
 * The file's bytes, and a Blob of it for the upload, or why there are none. The Blob is
 * opened first: a change after that makes its reads fail, so the bytes read next are
 * exactly what it will give. Only a regular file is read, and only up to the budget.
 */
async function readPicture(
  file: FoundFile,
  maxRequestBytes: number,
): Promise<{ content: Blob; bytes: Uint8Array } | Skip> {
  const content = await openAsBlob(file.absolute).catch((error: unknown) => error);

  let opened: Awaited<ReturnType<typeof openRegularFile>>;
  try {
    // Its errors name the problem better than the Blob's, so they are reported first.
    opened = await openRegularFile(file.absolute);
  } catch (error) {
    return readProblem(file.path, error, maxRequestBytes);
  }

  const { handle, size } = opened;
  try {
    // Base64 makes a picture a third larger: one larger than the budget can never fit.
    if (size > maxRequestBytes) return tooLarge(file.path, size, maxRequestBytes);
    if (!(content instanceof Blob)) throw content;

    return { content, bytes: await readAtMost(handle, maxRequestBytes, size) };
  } catch (error) {
    return readProblem(file.path, error, maxRequestBytes);
  } finally {
    await handle.close();
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function readProblem(path: string, error: unknown, maxRequestBytes: number): Skip {
  const problem =
    error instanceof FileProblemError
      ? error.problem
      : ({ kind: "unreadable", code: unreadableCode(error) } as const);

  switch (problem.kind) {
    case "missing":
      return { path, code: "not-found", reason: "was removed before it could be read." };
    case "not-a-file":
      return {
        path,
        code: "not-a-file",
        reason: `is ${problem.what}, not a regular file: name JPEG files or folders.`,
      };
    case "too-large":
      return tooLarge(path, problem.size, maxRequestBytes);
    case "unreadable":
      return {
        path,
        code: "unreadable",
        reason: `cannot be read (${problem.code}): ${fixForUnreadable(problem.code)}.`,
      };
  }
}

function tooLarge(path: string, size: number, maxRequestBytes: number): Skip {
  return {
    path,
    code: "too-large",
    reason:
      `is ${formatBytes(size)}, and base64 makes it a third larger: it does not fit in ` +
      `one request under the ${formatBytes(maxRequestBytes)} budget. Make the picture ` +
      "smaller, or raise --max-request-bytes.",
  };
}

function pictureProblem(
  path: string,
  problem: PictureError,
  size: number,
  maxRequestBytes: number,
): Skip {
  const code = SKIP_CODES[problem.code];
  if (!code) throw problem;

  if (code === "too-large") return tooLarge(path, size, maxRequestBytes);

  return { path, code, reason: `${problem.reason}.` };
}
