// The events of a run. With --json each one is printed as one JSON line with these exact
// field names (plus `time`); README.md documents them, so renaming one is a breaking change.

/** Why a path or a picture was not sent. */
export type SkipCode =
  // Input problems: they make the exit code 2, and --strict stops before any upload.
  | "not-found"
  | "unreadable"
  | "not-a-file"
  | "no-match"
  | "no-jpegs"
  | "empty"
  | "not-jpeg"
  | "truncated"
  | "too-large"
  | "changed"
  // Notices: nothing is wrong with the input.
  | "not-jpeg-name"
  | "hidden"
  | "folder-not-recursive"
  | "listed-twice"
  | "duplicate-content"
  | "already-uploaded"
  | "unknown-earlier"
  | "being-sent"
  | "not-sent";

const INPUT_PROBLEMS = new Set<SkipCode>([
  "not-found",
  "unreadable",
  "not-a-file",
  "no-match",
  "no-jpegs",
  "empty",
  "not-jpeg",
  "truncated",
  "too-large",
  "changed",
]);

export function isInputProblem(code: SkipCode): boolean {
  return INPUT_PROBLEMS.has(code);
}

export interface Skip {
  path: string;
  code: SkipCode;
  reason: string;
  sha256?: string;
}

interface PictureFields {
  file: string;
  sha256: string;
  bytes: number;
  attempts: number;
}

export interface Summary {
  target: string;
  member: number | null;
  dryRun: boolean;
  /** Pictures this run meant to send, after the checks and the journal. */
  toSend: number;
  /** Requests planned (dry run) or started. */
  requests: number;
  uploaded: number;
  failed: number;
  unknown: number;
  /** Paths and pictures left out, each with a `skipped` event; `notSent` ones not among them. */
  skipped: number;
  /** Pictures checked and ready but kept back: the run stopped before their request. */
  notSent: number;
  alreadyUploaded: number;
  unknownLeftAlone: number;
  inputProblems: number;
  bytesUploaded: number;
  interrupted: boolean;
  authRefused: boolean;
  exitCode: number;
  durationMs: number;
  journal: string | null;
}

export type RunEvent =
  | ({ event: "uploaded"; httpStatus?: number } & PictureFields)
  | ({ event: "failed"; reason: string; httpStatus?: number } & PictureFields)
  | ({ event: "unknown"; reason: string } & PictureFields)
  | ({ event: "skipped" } & Skip)
  | {
      event: "warning";
      code: "caption-unused" | "stopping" | "stale-lock" | "journal-cut-short";
      message: string;
    }
  | { event: "batch"; batch: number; pictures: number; bytes: number; files: string[] }
  /** After the per-picture `not-sent` skips: how many were kept back for one reason. */
  | { event: "not-sent"; pictures: number; reason: string }
  | ({ event: "summary" } & Summary)
  /** `journal`: the journal could not be written mid-run; the summary still follows. */
  | { event: "error"; code: "usage" | "internal" | "journal"; message: string };
