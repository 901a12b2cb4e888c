import type { Skip } from "./events.js";
import type { CheckedFile } from "./inspect-pictures.js";
import type { Journal } from "./journal.js";

export interface ResumePlan {
  toSend: CheckedFile[];
  skipped: Skip[];
  alreadyUploaded: number;
  unknownLeftAlone: number;
}

export interface ResumeOptions {
  journal: Journal;
  /** The journal's name for the target; undefined when it keeps nothing between runs. */
  targetKey: string | undefined;
  member: number | null;
  retryUnknown: boolean;
}

/**
 * Decides what this run sends, from the journal: a picture (by content) already uploaded
 * to the same target and member is skipped, a failed one is sent again, and one whose
 * outcome is unknown is left alone unless --retry-unknown. A picture listed twice under
 * different names is sent once.
 */
export function planResume(pictures: readonly CheckedFile[], options: ResumeOptions): ResumePlan {
  const plan: ResumePlan = { toSend: [], skipped: [], alreadyUploaded: 0, unknownLeftAlone: 0 };
  const firstWithContent = new Map<string, string>();

  for (const picture of pictures) {
    const { sha256, path } = picture;

    const first = firstWithContent.get(sha256);
    if (first !== undefined) {
      plan.skipped.push({
        path,
        sha256,
        code: "duplicate-content",
        reason: `has the same content as ${first}, which is sent once.`,
      });
      continue;
    }
    firstWithContent.set(sha256, path);

    const earlier =
      options.targetKey === undefined
        ? undefined
        : options.journal.find(sha256, options.targetKey, options.member);

    if (earlier?.outcome === "uploaded") {
      plan.alreadyUploaded++;
      plan.skipped.push({
        path,
        sha256,
        code: "already-uploaded",
        reason: `was uploaded at ${earlier.time}${sameFile(earlier.file, path)}.`,
      });
    } else if (earlier?.outcome === "sending") {
      plan.skipped.push({
        path,
        sha256,
        code: "being-sent",
        reason:
          "is being sent by the run that holds the journal's lock: run this again once that " +
          "run ends, to see its outcome.",
      });
    } else if (earlier?.outcome === "unknown" && !options.retryUnknown) {
      plan.unknownLeftAlone++;
      plan.skipped.push({
        path,
        sha256,
        code: "unknown-earlier",
        reason:
          `may or may not have been stored at ${earlier.time} ` +
          `(${earlier.reason ?? "outcome unknown"}): check the gallery, then pass ` +
          "--retry-unknown to send it again.",
      });
    } else {
      plan.toSend.push(picture);
    }
  }

  return plan;
}

function sameFile(earlierFile: string, path: string): string {
  return earlierFile === path ? "" : ` as ${earlierFile}`;
}
