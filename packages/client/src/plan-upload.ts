import type { PictureError } from "./errors.js";
import { envelopeBytes } from "./json-body.js";
import { checkPictures, type Pictures } from "./pictures.js";
import { type BatchLimits, planBatches } from "./plan-batches.js";
import type { UploadTarget } from "./upload.js";
import type { UploadSettings } from "./upload-options.js";

/**
 * How pictures are split into requests. planUpload and checkPictures also take
 * the other UploadOptions, unused, so that one options object serves all three.
 */
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

function limitsFor(target: Target, settings: UploadSettings): BatchLimits {
  return {
    envelopeBytes: envelopeBytes(target.userId),
    maxRequestBytes: settings.maxRequestBytes,
    maxPicturesPerRequest: settings.maxPicturesPerRequest,
  };
}

/** Checks every picture and plans the requests, without sending anything. */
export async function planUpload(target: Target, pictures: Pictures, settings: UploadSettings) {
  const limits = limitsFor(target, settings);
  const maxItemBytes = limits.maxRequestBytes - limits.envelopeBytes;
  const { checked } = await checkPictures(pictures, target.openFile, maxItemBytes, {
    signal: settings.signal,
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
  settings: UploadSettings,
): Promise<PictureError[]> {
  const limits = limitsFor(target, settings);
  const maxItemBytes = limits.maxRequestBytes - limits.envelopeBytes;
  const found = await checkPictures(pictures, target.openFile, maxItemBytes, {
    collect: true,
    thorough: true,
  });

  return found.problems;
}
