import { type AdultWorkClient, type ClientOptions, createClientFor } from "./create-client.js";
import { writeBase64 } from "./encode.js";

export { LIVE_URL, SANDBOX_URL } from "./auth.js";
export type {
  AddFreePicturesBody,
  AddMemberFreePicturesBody,
  AdultWorkClient,
  ApiResult,
  CallOptions,
  ClientOptions,
  HttpFailure,
  Transport,
  Uploader,
} from "./create-client.js";
export { type Base64Encoder, encodeBase64 } from "./encode.js";
export {
  AdultWorkError,
  InsecureTransportError,
  OptionError,
  PictureError,
  type PictureErrorCode,
  type PictureErrorOptions,
  type RequestDescription,
  RequestError,
} from "./errors.js";
export type { components, paths } from "./generated/schema.js";
export { checkPicture } from "./jpeg.js";
export { DEFAULT_MAX_REQUEST_BYTES, DEFAULT_TIMEOUT_MS } from "./options.js";
export type { PictureOutcome } from "./outcome.js";
export type { PictureImage, PictureInput, Pictures } from "./pictures.js";
export type { PlannedBatch } from "./plan-batches.js";
export type { PlanOptions } from "./plan-upload.js";
export type { RetryOptions } from "./retry.js";
export type { UploadOptions, UploadProgress, UploadReport } from "./upload.js";

/**
 * Creates a client for the AdultWork.com Pictures API. This entry has no Node
 * built-ins; pictures given as file paths need the Node entry.
 */
export function createClient(options: ClientOptions): AdultWorkClient {
  return createClientFor(options, {
    writeBase64,
    openFile: undefined,
    fetch: (url, init) => fetch(url, init),
  });
}
