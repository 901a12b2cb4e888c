import type { PictureOutcome, PlannedBatch, Uploader } from "@adultwork-api/client";
import { changedWhileChecking } from "./clients.js";
import type { RunEvent } from "./events.js";
import type { CheckedFile } from "./inspect-pictures.js";
import type { Interrupts } from "./interrupt.js";
import type { Journal, JournalEntry } from "./journal.js";
import type { ProgressState } from "./progress.js";

export interface SendOptions {
  uploader: Uploader;
  journal: Journal;
  targetKey: string;
  member: number | null;
  maxRequestBytes: number;
  concurrency: number;
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

/** Thrown from onBatchStart after a first Ctrl-C: the client then starts no more requests. */
class StopRequested extends Error {}

/**
 * Uploads the pictures in one call to the client. Before each request the journal marks
 * its pictures `sending`; each outcome replaces that as soon as the client reports it.
 * So whenever the process dies, the journal says what the server may have received.
 */
export async function sendPictures(
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
  // The pictures whose request started; every other outcome is of a picture not sent.
  const announced = new Set<number>();

  // Awaited by the client: the journal is on disk before the request goes out.
  const onBatchStart = ({ indexes }: PlannedBatch) => {
    if (options.interrupts.stopRequested) throw new StopRequested();

    options.journal.record(
      indexes.map((index) => entry(pictures[index] as CheckedFile, options, "sending")),
    );
    for (const index of indexes) announced.add(index);
    tally.requests++;
  };

  const onOutcome = (outcome: PictureOutcome) => {
    const picture = pictures[outcome.index] as CheckedFile;
    if (!announced.has(outcome.index)) {
      options.emit(notSent(picture, outcome, tally, options.interrupts));
      return;
    }

    settle(picture, outcome, options, tally);
    state.picturesDone++;
    state.bytesDone += picture.size;
    options.progress({ ...state });
  };

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
        onBatchStart,
        onOutcome,
      },
    );
  } catch (error) {
    if (!(error instanceof StopRequested)) throw changedWhileChecking(error);
  }

  return tally;
}

/**
 * The event for a picture the client kept back. The client could not read it (it has a
 * `code`): the file changed (Node will not read a file-backed Blob once its file changes)
 * or went away. Or the token was refused, or the run was stopping, or the client stopped
 * for a reason of its own, which it gives.
 */
function notSent(
  picture: CheckedFile,
  outcome: PictureOutcome,
  tally: SendTally,
  interrupts: Interrupts,
): RunEvent {
  const fields = { event: "skipped", path: picture.path, sha256: picture.sha256 } as const;

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
  if (outcome.code === undefined && outcome.reason?.startsWith("not sent")) {
    return { ...fields, code: "not-sent", reason: `${outcome.reason.replace(/\.$/, "")}.` };
  }

  return {
    ...fields,
    code: "changed",
    reason: "changed or went away since it was checked: run the command again to send it.",
  };
}

function settle(
  picture: CheckedFile,
  outcome: PictureOutcome,
  options: SendOptions,
  tally: SendTally,
) {
  const { status, reason, httpStatus, attempts } = outcome;
  options.journal.record([
    entry(picture, options, status, {
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
