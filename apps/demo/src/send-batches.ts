import { readFile } from "node:fs/promises";
import type { PictureOutcome, PlannedBatch, Uploader } from "@adultwork-api/client";
import type { RunEvent } from "./events.js";
import { type CheckedFile, sha256 } from "./inspect-pictures.js";
import type { Interrupts } from "./interrupt.js";
import type { Journal, JournalEntry } from "./journal.js";
import type { ProgressState } from "./progress.js";

export interface SendOptions {
  uploader: Uploader;
  batches: readonly PlannedBatch[];
  journal: Journal;
  targetKey: string;
  member: number | null;
  maxRequestBytes: number;
  interrupts: Interrupts;
  emit(event: RunEvent): void;
  progress(state: ProgressState): void;
}

export interface SendTally {
  requests: number;
  uploaded: number;
  failed: number;
  unknown: number;
  bytesUploaded: number;
  authRefused: boolean;
}

/**
 * Sends the planned batches one request at a time. Before each request the journal marks
 * its pictures `sending`; each outcome replaces that as soon as the client reports it.
 * So whenever the process dies, the journal says what the server may have received.
 */
export async function sendBatches(
  pictures: readonly CheckedFile[],
  options: SendOptions,
): Promise<SendTally> {
  const tally: SendTally = {
    requests: 0,
    uploaded: 0,
    failed: 0,
    unknown: 0,
    bytesUploaded: 0,
    authRefused: false,
  };
  const state: ProgressState = {
    picturesDone: 0,
    picturesTotal: pictures.length,
    bytesDone: 0,
    bytesTotal: pictures.reduce((sum, picture) => sum + picture.size, 0),
  };

  const notSent = (picture: CheckedFile, reason: string) => {
    options.emit({
      event: "skipped",
      path: picture.path,
      sha256: picture.sha256,
      code: "not-sent",
      reason,
    });
  };

  for (const batch of options.batches) {
    const batchPictures = batch.indexes.map((index) => pictures[index] as CheckedFile);

    if (tally.authRefused || options.interrupts.stopRequested) {
      const why = tally.authRefused
        ? "not sent: the server refused the access token for an earlier request."
        : "not sent: the run was interrupted.";
      for (const picture of batchPictures) notSent(picture, why);
      continue;
    }

    const ready = await readBatch(batchPictures, options.emit);
    if (ready.length === 0) continue;

    options.journal.record(
      ready.map(({ picture }) => entry(picture, options, { outcome: "sending" })),
    );
    tally.requests++;

    const settled = new Set<number>();
    const onOutcome = (outcome: PictureOutcome) => {
      const picture = ready[outcome.index]?.picture;
      if (!picture || settled.has(outcome.index)) return;

      settled.add(outcome.index);
      settle(picture, outcome, options, tally);
      state.picturesDone++;
      state.bytesDone += picture.size;
      options.progress({ ...state });
    };

    // Whatever the client did not report stays `unknown`: it may have been sent.
    const settleRest = (reason: string) => {
      ready.forEach((_, index) => {
        onOutcome({ index, status: "unknown", reason, attempts: 1 });
      });
    };

    try {
      await options.uploader.uploadPictures(
        ready.map(({ picture, bytes }) => ({
          image: bytes,
          description: picture.description,
          name: picture.path,
        })),
        { maxRequestBytes: options.maxRequestBytes, signal: options.interrupts.signal, onOutcome },
      );
    } catch (error) {
      settleRest(`the upload stopped with an error (${(error as Error).message})`);
      throw error;
    }
    settleRest("the client reported no outcome for it");
  }

  return tally;
}

/** Reads a batch's files again and keeps those whose content is what was checked. */
async function readBatch(batch: CheckedFile[], emit: SendOptions["emit"]) {
  const ready: Array<{ picture: CheckedFile; bytes: Uint8Array }> = [];

  for (const picture of batch) {
    const bytes = await readFile(picture.absolute).catch(() => undefined);
    if (bytes && sha256(bytes) === picture.sha256) {
      ready.push({ picture, bytes });
      continue;
    }

    emit({
      event: "skipped",
      path: picture.path,
      sha256: picture.sha256,
      code: "changed",
      reason: "changed or went away since it was checked: run the command again to send it.",
    });
  }

  return ready;
}

function settle(
  picture: CheckedFile,
  outcome: PictureOutcome,
  options: SendOptions,
  tally: SendTally,
) {
  const { status, reason, httpStatus, attempts } = outcome;
  options.journal.record([
    entry(picture, options, {
      outcome: status,
      attempts,
      ...(reason !== undefined && { reason }),
      ...(httpStatus !== undefined && { httpStatus }),
    }),
  ]);

  const fields = {
    file: picture.path,
    sha256: picture.sha256,
    bytes: picture.size,
    attempts,
    ...(httpStatus !== undefined && { httpStatus }),
  };

  if (status === "uploaded") {
    tally.uploaded++;
    tally.bytesUploaded += picture.size;
    options.emit({ event: "uploaded", ...fields });
    return;
  }

  if (httpStatus === 401 || httpStatus === 403) tally.authRefused = true;
  tally[status]++;
  options.emit({ event: status, ...fields, reason: reason ?? "no reason given" });
}

function entry(
  picture: CheckedFile,
  options: Pick<SendOptions, "targetKey" | "member">,
  result: Pick<JournalEntry, "outcome" | "reason" | "httpStatus" | "attempts">,
): JournalEntry {
  const { outcome, ...details } = result;

  return {
    sha256: picture.sha256,
    size: picture.size,
    file: picture.path,
    target: options.targetKey,
    member: options.member,
    outcome,
    time: new Date().toISOString(),
    ...details,
  };
}
