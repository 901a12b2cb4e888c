import { jsonBytes } from "./encode.js";
import { DEFAULT_MAX_REQUEST_BYTES, wholeNumber } from "./options.js";
import { checkPictures, type Pictures } from "./pictures.js";
import { planBatches } from "./plan-batches.js";
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

/** Checks every picture and plans the requests, without sending anything. */
export async function planUpload(
  target: UploadTarget,
  pictures: Pictures,
  options: PlanOptions & { signal?: AbortSignal | undefined },
) {
  const limits = {
    envelopeBytes: jsonBytes({ UserID: target.userId, Pictures: [] }),
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
  const maxItemBytes = limits.maxRequestBytes - limits.envelopeBytes;
  const checked = await checkPictures(pictures, target.openFile, maxItemBytes, options.signal);

  return {
    checked,
    batches: planBatches(
      checked.map((picture) => picture.itemBytes),
      limits,
    ),
  };
}
