import type { Base64Encoder } from "./encode.js";
import { wholeNumber } from "./options.js";
import { type PictureOutcome, type Settled, settle } from "./outcome.js";
import type { CheckedPicture, OpenFile, Pictures } from "./pictures.js";
import type { PlannedBatch } from "./plan-batches.js";
import { type PlanOptions, planUpload } from "./plan-upload.js";
import { readBatch } from "./read-batch.js";
import type { ApiPath, Send } from "./send.js";

/** Counts after each request settles; bytes are request-body bytes. */
export interface UploadProgress {
  picturesDone: number;
  picturesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface UploadOptions extends PlanOptions {
  /** How many requests may be in flight at once. @default 1 */
  concurrency?: number | undefined;
  /** Aborting stops the upload at once; the report says what was done. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Called with each picture's outcome as soon as it is known. */
  onOutcome?: ((outcome: PictureOutcome) => void) | undefined;
}

export interface UploadReport {
  /** One per input picture, in input order. */
  outcomes: PictureOutcome[];
  uploaded: number;
  failed: number;
  unknown: number;
  /** True when the signal aborted the upload. */
  aborted: boolean;
}

/** Where and how an upload sends its batches. */
export interface UploadTarget {
  send: Send;
  path: ApiPath;
  userId: number | undefined;
  encode: Base64Encoder;
  openFile: OpenFile;
  timeoutMs: number;
}

const refusedEarlier = (status: number) =>
  `an earlier request was refused with HTTP ${status}; fix the token or its scope`;

/** Sends pictures in batches and reports one outcome per picture. */
export async function uploadPictures(
  target: UploadTarget,
  pictures: Pictures,
  options: UploadOptions = {},
): Promise<UploadReport> {
  const concurrency = wholeNumber("concurrency", options.concurrency, 1);
  const { checked, batches } = await planUpload(target, pictures, options);
  const { signal, onProgress, onOutcome } = options;

  const outcomes: PictureOutcome[] = [];
  const progress: UploadProgress = {
    picturesDone: 0,
    picturesTotal: checked.length,
    bytesDone: 0,
    bytesTotal: batches.reduce((sum, batch) => sum + batch.bytes, 0),
  };
  // Once the API refuses the token, the rest would be refused too: keep them.
  let refusal: string | undefined;

  const record = (picture: CheckedPicture, settled: Settled) => {
    const outcome = {
      index: picture.index,
      ...(picture.name && { name: picture.name }),
      ...settled,
    };
    outcomes[picture.index] = outcome;
    onOutcome?.(outcome);
  };

  async function run(batch: PlannedBatch) {
    const batchPictures = batch.indexes.map((index) => checked[index] as CheckedPicture);
    const skip = signal?.aborted ? "the upload was aborted" : refusal;

    if (skip) {
      for (const picture of batchPictures) {
        record(picture, { status: "failed", reason: `not sent: ${skip}`, attempts: 0 });
      }
    } else {
      const { items, sent, unreadable } = await readBatch(batchPictures, target.encode);
      for (const [picture, reason] of unreadable)
        record(picture, { status: "failed", reason, attempts: 0 });

      if (sent.length > 0) {
        const body = JSON.stringify({ UserID: target.userId, Pictures: items });
        const exchange = await target.send(target.path, body, signal);
        const settled = settle(exchange, target.timeoutMs);
        for (const picture of sent) record(picture, settled);

        const status = exchange.response?.status;
        if (status === 401 || status === 403) {
          refusal = refusedEarlier(status);
        }
      }
    }

    progress.picturesDone += batch.indexes.length;
    progress.bytesDone += batch.bytes;
    onProgress?.({ ...progress });
  }

  onProgress?.({ ...progress });

  let next = 0;
  const worker = async () => {
    while (next < batches.length) await run(batches[next++] as PlannedBatch);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));

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
