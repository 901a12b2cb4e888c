import type { PictureOutcome, PlannedBatch, Uploader } from "@adultwork-api/client";
import { outcomeReason, type ServerSource } from "./client-wording.js";
import { changedWhileChecking } from "./clients.js";
import type { RunEvent } from "./events.js";
import type { CheckedFile } from "./inspect-pictures.js";
import type { Interrupts } from "./interrupt.js";
import type { Journal, JournalEntry } from "./journal.js";
import { JournalWriteError, journalStopMessage } from "./journal-write-error.js";
import type { ProgressState } from "./progress.js";

export interface SendOptions {
  uploader: Uploader;
  journal: Journal;
  targetKey: string;
  /** How the user named the server, for fixes; undefined for the embedded mock. */
  server?: ServerSource | undefined;
  member: number | null;
  maxRequestBytes: number;
  concurrency: number;
  interrupts: Interrupts;
  emit(event: RunEvent): void;
  /** Called once before the first request, with the totals, then after each outcome. */
  startProgress(state: ProgressState): void;
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

export interface SendResult {
  tally: SendTally;
  /** The journal could not be written: the run stopped there, and said so. */
  journalFailed: boolean;
}

/** Where a run is with its journal; once a write failed, nothing more is written. */
interface JournalState {
  failure: JournalWriteError | undefined;
  /** Pictures the server accepted whose outcome the journal could not take. */
  unrecorded: string[];
}

/**
 * Uploads the pictures in one call to the client. Before each request the journal marks
 * its pictures `sending`; each outcome replaces that as soon as the client reports it.
 * So whenever the process dies, the journal says what the server may have received.
 * A journal that cannot be written stops the run: no request starts after that, and
 * every outcome is still reported and counted.
 */
export async function sendPictures(
  pictures: readonly CheckedFile[],
  options: SendOptions,
): Promise<SendResult> {
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
  const journal: JournalState = { failure: undefined, unrecorded: [] };
  // The pictures journaled as `sending`, each with its batch's number. A stop can still
  // keep a batch back after that (it came while the hook ran): none of its pictures then
  // has an attempt, and they count as not sent, like those held back before the hook.
  const batchOf = new Map<number, number>();
  const batchesSent = new Set<number>();
  let batchCount = 0;

  // Awaited by the client: the journal is on disk before the request goes out.
  const onBatchStart = ({ indexes }: PlannedBatch) => {
    write(
      journal,
      options,
      indexes.map((index) => entry(pictures[index] as CheckedFile, options, "sending")),
    );
    batchCount++;
    for (const index of indexes) batchOf.set(index, batchCount);
  };

  const onOutcome = (given: PictureOutcome) => {
    // Reworded once, so the output and the journal say the same.
    const outcome =
      given.reason === undefined ? given : { ...given, reason: reworded(given, options.server) };
    const picture = pictures[outcome.index] as CheckedFile;
    const batch = batchOf.get(outcome.index);
    if (batch === undefined || outcome.attempts === 0) {
      const skipped = notSent(picture, outcome, tally, options.interrupts, journal);
      if (batch !== undefined) unannounce(picture, skipped.reason, options, journal);
      options.emit(skipped);
      return;
    }

    if (!batchesSent.has(batch)) {
      batchesSent.add(batch);
      tally.requests++;
    }

    state.picturesDone++;
    state.bytesDone += picture.size;
    options.progress({ ...state });
    recordOutcome(picture, outcome, options, tally, journal);
  };

  options.startProgress({ ...state });

  try {
    await options.uploader.uploadPictures(
      pictures.map((picture) => ({
        image: picture.content,
        description: picture.description,
        name: picture.path,
      })),
      {
        maxRequestBytes: options.maxRequestBytes,
        concurrency: options.concurrency,
        signal: options.interrupts.signal,
        stopSignal: options.interrupts.stopSignal,
        onBatchStart,
        onOutcome,
      },
    );
  } catch (error) {
    if (error !== journal.failure) throw changedWhileChecking(error);
  }

  if (journal.failure) {
    options.emit({
      event: "error",
      code: "journal",
      message: journalStopMessage(journal.failure, journal.unrecorded),
    });
  }
  return { tally, journalFailed: journal.failure !== undefined };
}

function reworded(outcome: PictureOutcome, server: ServerSource | undefined): string {
  return outcomeReason(outcome.reason ?? "", outcome.httpStatus, server);
}

/**
 * Writes `entries` to the journal, or throws why it cannot: thrown from the client's
 * callbacks, that stops the upload. After the first failure nothing more is written.
 */
function write(journal: JournalState, options: SendOptions, entries: JournalEntry[]): void {
  if (journal.failure) throw journal.failure;

  try {
    options.journal.record(entries);
  } catch (error) {
    if (!(error instanceof JournalWriteError)) throw error;
    journal.failure = error;
    throw error;
  }
}

/**
 * The event for a picture the client kept back. The client could not read it (it has a
 * `code`): the file changed (Node will not read a file-backed Blob once its file changes)
 * or went away. Or the journal could not be written, or the token was refused, or the run
 * was stopping, or the client stopped for a reason of its own, which it gives.
 */
function notSent(
  picture: CheckedFile,
  outcome: PictureOutcome,
  tally: SendTally,
  interrupts: Interrupts,
  journal: JournalState,
): Extract<RunEvent, { event: "skipped" }> {
  const fields = { event: "skipped", path: picture.path, sha256: picture.sha256 } as const;

  if (outcome.code === undefined && journal.failure) {
    return { ...fields, code: "not-sent", reason: "not sent: the journal could not be written." };
  }
  if (outcome.code === undefined && tally.authRefused) {
    return {
      ...fields,
      code: "not-sent",
      reason: "not sent: the server refused the access token for an earlier request.",
    };
  }
  if (outcome.code === undefined && interrupts.stopRequested) {
    return { ...fields, code: "not-sent", reason: "not sent: the run was interrupted." };
  }
  if (outcome.code === undefined && outcome.delivery === "not-sent") {
    const reason = (outcome.reason ?? "not sent").replace(/\.$/, "");
    return { ...fields, code: "not-sent", reason: `${reason}.` };
  }

  return {
    ...fields,
    code: "changed",
    reason: "changed or went away since it was checked: run the command again to send it.",
  };
}

/** Replaces the `sending` entry of a picture whose request never went out. */
function unannounce(
  picture: CheckedFile,
  reason: string,
  options: SendOptions,
  journal: JournalState,
) {
  write(journal, options, [entry(picture, options, "failed", { attempts: 0, reason })]);
}

/**
 * Counts and reports the outcome of a picture journaled as `sending`, then journals it.
 * In that order, so that an upload the server accepted is reported even when the journal
 * cannot take it.
 */
function recordOutcome(
  picture: CheckedFile,
  outcome: PictureOutcome,
  options: SendOptions,
  tally: SendTally,
  journal: JournalState,
) {
  report(picture, outcome, options, tally);

  const { status, reason, httpStatus, attempts } = outcome;
  const details = {
    attempts,
    ...(reason !== undefined && { reason }),
    ...(httpStatus !== undefined && { httpStatus }),
  };
  try {
    write(journal, options, [entry(picture, options, status, details)]);
  } catch (error) {
    if (status === "uploaded") journal.unrecorded.push(picture.path);
    throw error;
  }
}

function report(
  picture: CheckedFile,
  outcome: PictureOutcome,
  options: SendOptions,
  tally: SendTally,
) {
  const { status, reason, httpStatus, attempts } = outcome;
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
  outcome: JournalEntry["outcome"],
  details: Pick<JournalEntry, "reason" | "httpStatus" | "attempts"> = {},
): JournalEntry {
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
