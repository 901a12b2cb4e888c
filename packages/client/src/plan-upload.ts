import type { PictureError } from "./errors.js";
import { envelopeBytes } from "./json-body.js";
import { DEFAULT_MAX_REQUEST_BYTES, wholeNumber } from "./options.js";
import { checkPictures, type Pictures } from "./pictures.js";
import { type BatchLimits, planBatches } from "./plan-batches.js";
import type { UploadTarget } from "./upload.js";

/** How pictures are split into requests. */
export interface PlanOptions {
  /**
   * The largest JSON body one request may have, in bytes. The provider
   * documents no limit. @default 8388608 (8 MiB)
   */
  maxRequestBytes?: number | undefined;
  /** The most pictures one request may carry. @default no limit */
  maxPicturesPerRequest?: number | undefined;
}

type Target = Pick<UploadTarget, "userId" | "openFile">;

function limitsFor(target: Target, options: PlanOptions): BatchLimits {
  return {
    envelopeBytes: envelopeBytes(target.userId),
    maxRequestBytes: wholeNumber(
      "maxRequestBytes",
      options.maxRequestBytes,
      DEFAULT_MAX_REQUEST_BYTES,
    ),
    maxPicturesPerRequest: wholeNumber(
      "maxPicturesPerRequest",
      options.maxPicturesPerRequest,
      Number.MAX_SAFE_INTEGER,
    ),
  };
}

/** Checks every picture and plans the requests, without sending anything. */
export async function planUpload(
  target: Target,
  pictures: Pictures,
  options: PlanOptions & { signal?: AbortSignal | undefined },
) {
  const limits = limitsFor(target, options);
  const maxItemBytes = limits.maxRequestBytes - limits.envelopeBytes;
  const { checked } = await checkPictures(pictures, target.openFile, maxItemBytes, {
    signal: options.signal,
  });

  return {
    checked,
    batches: planBatches(
      checked.map((picture) => picture.itemBytes),
      limits,
    ),
  };
}

/**
 * Runs an upload's checks on every picture and returns each problem found; sends
 * nothing. A file that an upload would walk only when its batch is read is walked now.
 */
export async function findProblems(
  target: Target,
  pictures: Pictures,
  options: PlanOptions,
): Promise<PictureError[]> {
  const limits = limitsFor(target, options);
  const maxItemBytes = limits.maxRequestBytes - limits.envelopeBytes;
  const found = await checkPictures(pictures, target.openFile, maxItemBytes, {
    collect: true,
    thorough: true,
  });

  return found.problems;
}
