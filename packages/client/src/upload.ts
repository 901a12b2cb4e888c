import type { Base64Writer } from "./encode.js";
import { detail } from "./errors.js";
import { type PictureOutcome, type Settled, settle } from "./outcome.js";
import type { CheckedPicture, OpenFile, Pictures } from "./pictures.js";
import type { PlannedBatch } from "./plan-batches.js";
import { type PlanOptions, planUpload } from "./plan-upload.js";
import type { ApiPath, Exchange, Send } from "./send.js";
import { readUploadOptions } from "./upload-options.js";
import { writeBatch } from "./write-batch.js";

/** Counts after each request settles; bytes are request-body bytes. */
export interface UploadProgress {
  picturesDone: number;
  picturesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/**
 * How an upload runs. About the callbacks: if one throws (or `onBatchStart`
 * rejects), the upload stops as `stopSignal` stops it: no request starts after that,
 * not even a retry, requests already in flight finish, every picture still gets its
 * outcome through `onOutcome`, and then `uploadPictures` rejects with that first
 * error, as it was thrown.
 */
export interface UploadOptions extends PlanOptions {
  /** How many requests may be in flight at once. @default 1 */
  concurrency?: number | undefined;
  /**
   * Aborting stops the upload at once: requests in flight are cut off (their pictures
   * become `unknown`) and the report says what was done. See `stopSignal` for a gentler
   * stop.
   */
  signal?: AbortSignal | undefined;
  /**
   * Aborting stops the upload gently: no request starts after that (no new batch, and
   * no retry: a wait before one ends at once), while requests already in flight finish
   * and keep their real outcome. A picture whose retry was called off keeps the outcome
   * its last attempt earned, with a reason that ends "the upload was stopped before it
   * could be tried again"; pictures not sent are `failed`, "not sent: the upload was
   * stopped". Abort it on a first Ctrl+C, say, and `signal` on a second.
   */
  stopSignal?: AbortSignal | undefined;
  /**
   * Called, and awaited, just before each request goes out, with the input
   * indexes of the pictures it carries and its body size in bytes: the batch
   * `planUpload` planned, less any picture that could not be read just now.
   * Once per request, not per attempt: retries do not call it again; with a
   * `concurrency` above 1, calls for different requests may overlap. Await a
   * durable write here (a journal entry saying "sending") and a crash during
   * the request leaves a record of what the server may have received.
   */
  onBatchStart?: ((batch: PlannedBatch) => void | Promise<void>) | undefined;
  /** Called with each picture's outcome as soon as it is known. */
  onOutcome?: ((outcome: PictureOutcome) => void) | undefined;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
}

export interface UploadReport {
  /** One per input picture, in input order. */
  outcomes: PictureOutcome[];
  uploaded: number;
  failed: number;
  unknown: number;
  /** True when `signal` aborted the upload (a stop by `stopSignal` leaves it false). */
  aborted: boolean;
}

/** Where and how an upload sends its batches. */
export interface UploadTarget {
  send: Send;
  path: ApiPath;
  /** The host requests go to, for messages. */
  host: string;
  userId: number | undefined;
  writeBase64: Base64Writer;
  openFile: OpenFile;
  timeoutMs: number;
}

const refusedEarlier = (status: number) =>
  `an earlier request was refused with HTTP ${status}; fix the token or its scope`;

const unreachable = (host: string) =>
  `an earlier request could not connect to ${host}: check baseUrl and that the server is up`;

// True when the request never reached the server although a new attempt might have:
// the retries are spent, so the batches after it would only wait their turn to fail.
const couldNotConnect = (exchange: Exchange) =>
  exchange.failure === "not-sent" && exchange.retry === true;

/** Sends pictures in batches and reports one outcome per picture. */
export async function uploadPictures(
  target: UploadTarget,
  pictures: Pictures,
  options?: UploadOptions,
): Promise<UploadReport> {
  const settings = readUploadOptions("uploadPictures", options);
  const { checked, batches } = await planUpload(target, pictures, settings);
  const { concurrency, signal, stopSignal, onBatchStart, onProgress, onOutcome } = settings;

  const outcomes: PictureOutcome[] = [];
  const progress: UploadProgress = {
    picturesDone: 0,
    picturesTotal: checked.length,
    bytesDone: 0,
    bytesTotal: batches.reduce((sum, batch) => sum + batch.bytes, 0),
  };
  // Once the API refuses the token, or cannot be reached even after retries, the rest
  // would fail the same way: keep them.
  let refusal: string | undefined;
  // The first error a callback threw: it stops the upload, and is rethrown at the end.
  let stop: { error: unknown; reason: string } | undefined;
  // Aborted by stopSignal or by a callback's throw: no attempt starts after it.
  const stopping = new AbortController();
  const stopNow = () => stopping.abort();

  const stopOn = (callback: string, error: unknown) => {
    stop ??= { error, reason: `the upload stopped because ${callback} threw (${detail(error)})` };
    stopNow();
  };
  const notify = <T>(callback: string, listener: ((value: T) => void) | undefined, value: T) => {
    try {
      listener?.(value);
    } catch (error) {
      stopOn(callback, error);
    }
  };
  const skipReason = () =>
    stop?.reason ??
    (signal?.aborted
      ? "the upload was aborted"
      : stopSignal?.aborted
        ? "the upload was stopped"
        : refusal);

  const record = (picture: CheckedPicture, settled: Settled) => {
    const outcome: PictureOutcome = {
      index: picture.index,
      ...(picture.name && { name: picture.name }),
      ...settled,
      // Only an answer sets httpStatus, and without one only a picture never sent is failed.
      delivery: settled.httpStatus
        ? "answered"
        : settled.status === "failed"
          ? "not-sent"
          : "unanswered",
    };
    outcomes[picture.index] = outcome;
    notify("onOutcome", onOutcome, outcome);
  };
  const keepBack = (batchPictures: CheckedPicture[], reason: string) => {
    for (const picture of batchPictures) {
      record(picture, { status: "failed", reason: `not sent: ${reason}`, attempts: 0 });
    }
  };

  // One body buffer per request in flight, reused: a fresh one per batch would pile
  // up as garbage that the engine frees only once several batches' worth has gathered.
  const bodySize = batches.reduce((most, batch) => Math.max(most, batch.bytes), 0);
  const spareBodies: Uint8Array[] = [];

  async function send(batchPictures: CheckedPicture[], body: Uint8Array) {
    const written = await writeBatch(batchPictures, target.userId, body, target.writeBase64);
    for (const { picture, code, reason } of written.unread) {
      record(picture, { status: "failed", code, reason, attempts: 0 });
    }
    const { sent } = written;
    if (sent.length === 0) return;

    try {
      await onBatchStart?.({
        indexes: sent.map((picture) => picture.index),
        bytes: written.length,
      });
    } catch (error) {
      stopOn("onBatchStart", error);
    }
    // The hook may have been slow: a stop, an abort or a refusal may have come meanwhile.
    const skip = skipReason();
    if (skip) return keepBack(sent, skip);

    // Once the exchange has settled the transport is done with the body (node:http's
    // and fetch both close the connection of a request given up on), so it can be reused.
    const exchange = await target.send(
      target.path,
      body.subarray(0, written.length),
      signal,
      stopping.signal,
    );
    const settled = settle(exchange, target.timeoutMs);
    for (const picture of sent) record(picture, settled);

    const status = exchange.response?.status;
    if (status === 401 || status === 403) refusal ??= refusedEarlier(status);
    if (couldNotConnect(exchange)) refusal ??= unreachable(target.host);
  }

  async function run(batch: PlannedBatch) {
    const batchPictures = batch.indexes.map((index) => checked[index] as CheckedPicture);
    const skip = skipReason();

    if (skip) keepBack(batchPictures, skip);
    else {
      const body = spareBodies.pop() ?? new Uint8Array(bodySize);
      try {
        await send(batchPictures, body);
      } finally {
        spareBodies.push(body);
      }
    }

    progress.picturesDone += batch.indexes.length;
    progress.bytesDone += batch.bytes;
    notify("onProgress", onProgress, { ...progress });
  }

  notify("onProgress", onProgress, { ...progress });

  let next = 0;
  const worker = async () => {
    while (next < batches.length) await run(batches[next++] as PlannedBatch);
  };
  if (stopSignal?.aborted) stopNow();
  stopSignal?.addEventListener("abort", stopNow);
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  } finally {
    stopSignal?.removeEventListener("abort", stopNow);
  }

  if (stop) throw stop.error;

  const count = (status: PictureOutcome["status"]) =>
    outcomes.filter((outcome) => outcome.status === status).length;

  return {
    outcomes,
    uploaded: count("uploaded"),
    failed: count("failed"),
    unknown: count("unknown"),
    aborted: signal?.aborted ?? false,
  };
}
