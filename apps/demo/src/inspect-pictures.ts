import { createHash } from "node:crypto";
import { openAsBlob } from "node:fs";
import { readFile } from "node:fs/promises";
import type { PictureError, PictureErrorCode, Uploader } from "@adultwork-api/client";
import type { Captions } from "./captions.js";
import type { FoundFile } from "./discover-files.js";
import type { Skip, SkipCode } from "./events.js";
import { formatBytes } from "./format.js";

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
  let content: Blob;
  let bytes: Uint8Array;
  try {
    ({ content, bytes } = await readWhole(file.absolute));
  } catch (error) {
    return readProblem(file.path, error as NodeJS.ErrnoException);
  }

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
 * The file's bytes, and a Blob of it for the upload. The Blob is opened first: a change
 * after that makes its reads fail, so the bytes read next are exactly what it will give.
 */
async function readWhole(path: string) {
  const content = await openAsBlob(path).catch((error: unknown) => error);
  // readFile fails with an error code that readProblem can name.
  const bytes = await readFile(path);
  if (!(content instanceof Blob)) throw content;

  return { content, bytes };
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function readProblem(path: string, error: NodeJS.ErrnoException): Skip {
  if (error.code === "ENOENT") {
    return { path, code: "not-found", reason: "was removed before it could be read." };
  }

  const why = error.code === "EACCES" || error.code === "EPERM" ? "permission denied" : error.code;
  return {
    path,
    code: "unreadable",
    reason: `cannot be read (${why}): check its permissions.`,
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

  if (code === "too-large") {
    return {
      path,
      code,
      reason:
        `is ${formatBytes(size)}, and base64 makes it a third larger: it does not fit in ` +
        `one request under the ${formatBytes(maxRequestBytes)} budget. Make the picture ` +
        "smaller, or raise --max-request-bytes.",
    };
  }

  return { path, code, reason: `${problem.reason}.` };
}
