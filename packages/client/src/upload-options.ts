import {
  DEFAULT_MAX_REQUEST_BYTES,
  functionOption,
  optionsOf,
  signalOption,
  wholeNumber,
} from "./options.js";
import type { UploadOptions } from "./upload.js";

/** An upload's options, every one checked and the sizes filled in. */
export interface UploadSettings
  extends Pick<
    UploadOptions,
    "signal" | "stopSignal" | "onBatchStart" | "onOutcome" | "onProgress"
  > {
  maxRequestBytes: number;
  maxPicturesPerRequest: number;
  concurrency: number;
}

// planUpload and checkPictures take these too, so one options object serves all three;
// they use only the sizes.
const UPLOAD_OPTIONS = [
  "maxRequestBytes",
  "maxPicturesPerRequest",
  "concurrency",
  "signal",
  "stopSignal",
  "onBatchStart",
  "onOutcome",
  "onProgress",
];

/**
 * Checks the options of uploadPictures, planUpload or checkPictures (`where`): a
 * misspelt name is refused, as it would otherwise be ignored (a `maxRequestByte` would
 * leave the 8 MiB default in place), and so is a value of the wrong type.
 */
export function readUploadOptions(where: string, input: unknown): UploadSettings {
  const options = optionsOf(where, input, UPLOAD_OPTIONS);
  const callback = <T>(name: string) =>
    functionOption<T>(name, options[name], "pass a function, or leave it out");

  return {
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
    concurrency: wholeNumber("concurrency", options.concurrency, 1),
    signal: signalOption("signal", options.signal),
    stopSignal: signalOption("stopSignal", options.stopSignal),
    onBatchStart: callback("onBatchStart"),
    onOutcome: callback("onOutcome"),
    onProgress: callback("onProgress"),
  };
}
