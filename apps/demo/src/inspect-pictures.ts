import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { checkPicture, PictureError, type Uploader } from "@adultwork-api/client";
import type { Captions } from "./captions.js";
import type { FoundFile } from "./discover-files.js";
import type { Skip, SkipCode } from "./events.js";
import { formatBytes } from "./format.js";

/** A file that passed every check, described by its content hash; its bytes are not kept. */
export interface CheckedFile extends FoundFile {
  sha256: string;
  size: number;
  description: string | undefined;
}

export interface InspectOptions {
  captions: Captions | undefined;
  description: string | undefined;
  /** Plans requests without sending; it says whether a picture fits the budget. */
  planner: Uploader;
  maxRequestBytes: number;
  onSkip(skip: Skip): void;
  /** Checked before each file, so Ctrl-C stops a long scan. */
  stopped(): boolean;
}

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
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file.absolute);
  } catch (error) {
    return readProblem(file.path, error as NodeJS.ErrnoException);
  }

  const problem = checkPicture(bytes);
  if (problem) return contentProblem(file.path, problem);

  const tooLarge = await budgetProblem(bytes, description, options);
  if (tooLarge) return { path: file.path, code: "too-large", reason: tooLarge };

  return {
    ...file,
    sha256: sha256(bytes),
    size: bytes.length,
    description,
  };
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

function contentProblem(path: string, problem: string): Skip {
  const rules: Array<[RegExp, SkipCode, string]> = [
    [/^is empty/, "empty", "export or copy the picture again, or leave it out"],
    [/^is not a JPEG/, "not-jpeg", "convert it to JPEG, or leave it out"],
    [/truncated|end marker/, "truncated", "copy or export it again, or leave it out"],
  ];
  const [, code, fix] = rules.find(([pattern]) => pattern.test(problem)) ?? [
    undefined,
    "not-jpeg",
    "convert it to JPEG, or leave it out",
  ];

  return { path, code, reason: `${problem}${problem.includes(":") ? ";" : ":"} ${fix}.` };
}

async function budgetProblem(
  bytes: Uint8Array,
  description: string | undefined,
  options: InspectOptions,
): Promise<string | undefined> {
  try {
    await options.planner.planUpload([{ image: bytes, description }], {
      maxRequestBytes: options.maxRequestBytes,
    });
    return undefined;
  } catch (error) {
    if (!(error instanceof PictureError)) throw error;

    // The JPEG checks passed above, so the size is what the planner refused.
    return (
      `is ${formatBytes(bytes.length)}, and base64 makes it a third larger: it does not fit ` +
      `in one request under the ${formatBytes(options.maxRequestBytes)} budget. Make the ` +
      "picture smaller, or raise --max-request-bytes."
    );
  }
}
