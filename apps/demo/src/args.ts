import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

export type TargetName = "mock" | "sandbox" | "live";

export interface CliOptions {
  help: boolean;
  inputs: string[];
  recursive: boolean;
  description: string | undefined;
  captionsPath: string | undefined;
  strict: boolean;
  target: TargetName;
  baseUrl: string | undefined;
  member: number | undefined;
  tokenStdin: boolean;
  dryRun: boolean;
  journalPath: string;
  retryUnknown: boolean;
  maxRequestBytes: number;
  /** Requests in flight at once. */
  concurrency: number;
  timeoutMs: number | undefined;
  json: boolean;
  debug: boolean;
}

export const JOURNAL_FILE_NAME = "add-free-pictures.journal.json";
export const DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const DEBUG_NAME = "add-free-pictures";

const optionSpec = {
  help: { type: "boolean", short: "h" },
  recursive: { type: "boolean", short: "r" },
  description: { type: "string" },
  captions: { type: "string" },
  strict: { type: "boolean" },
  target: { type: "string" },
  "base-url": { type: "string" },
  "as-member": { type: "string" },
  "token-stdin": { type: "boolean" },
  "dry-run": { type: "boolean" },
  journal: { type: "string" },
  "retry-unknown": { type: "boolean" },
  "max-request-bytes": { type: "string" },
  concurrency: { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
  debug: { type: "boolean" },
} as const;

/** Reads the command line; throws a UsageError that names the option and the fix. */
export function readArgs(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CliOptions {
  refuseTokenArgument(argv);

  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { ...defaults(cwd), help: true };

  if (values.target !== undefined && values["base-url"] !== undefined) {
    throw new UsageError("--target and --base-url name the server twice: pass only one of them.");
  }

  refuseEmptyPaths(values, positionals);

  if (positionals.length === 0) {
    throw new UsageError(
      "no pictures named: pass JPEG files, folders or glob patterns, " +
        "such as `add-free-pictures photos/`.",
    );
  }

  return {
    ...defaults(cwd),
    inputs: positionals,
    recursive: values.recursive ?? false,
    description: values.description,
    captionsPath: values.captions,
    strict: values.strict ?? false,
    target: readTarget(values.target),
    baseUrl: values["base-url"],
    member: values["as-member"] === undefined ? undefined : readMember(values["as-member"]),
    tokenStdin: values["token-stdin"] ?? false,
    dryRun: values["dry-run"] ?? false,
    journalPath: resolve(cwd, values.journal ?? JOURNAL_FILE_NAME),
    retryUnknown: values["retry-unknown"] ?? false,
    maxRequestBytes: readByteSize(values["max-request-bytes"]),
    concurrency: values.concurrency === undefined ? 1 : readConcurrency(values.concurrency),
    timeoutMs: values.timeout === undefined ? undefined : readTimeout(values.timeout),
    json: values.json ?? false,
    debug: (values.debug ?? false) || debugRequested(env.DEBUG),
  };
}

function defaults(cwd: string): CliOptions {
  return {
    help: false,
    inputs: [],
    recursive: false,
    description: undefined,
    captionsPath: undefined,
    strict: false,
    target: "mock",
    baseUrl: undefined,
    member: undefined,
    tokenStdin: false,
    dryRun: false,
    journalPath: resolve(cwd, JOURNAL_FILE_NAME),
    retryUnknown: false,
    maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES,
    concurrency: 1,
    timeoutMs: undefined,
    json: false,
    debug: false,
  };
}

// An argument shows in the process list and the shell history, so a token never is one.
// The message must not echo the argument: it may hold the token itself.
function refuseTokenArgument(argv: readonly string[]): void {
  if (argv.some((arg) => /^--(access-)?token(=|$)/.test(arg))) {
    throw new UsageError(
      "the access token is never taken as an argument (it would show in the process list " +
        "and the shell history): set ADULTWORK_ACCESS_TOKEN or pipe it to --token-stdin.",
    );
  }
}

/** The fix for each option that takes a path, when it is given an empty one. */
const PATH_OPTIONS = {
  journal: `pass the journal file's path, or leave out --journal to use ./${JOURNAL_FILE_NAME}`,
  captions: "pass the path of a CSV or JSON file, or leave out --captions",
} as const;

// An empty path would resolve to the working folder; it is most often an unset variable.
function refuseEmptyPaths(
  values: Partial<Record<string, string | boolean>>,
  positionals: readonly string[],
): void {
  for (const [name, fix] of Object.entries(PATH_OPTIONS)) {
    if (values[name] === "") throw new UsageError(`--${name} needs a path: ${fix}.`);
  }

  if (positionals.includes("")) {
    throw new UsageError(
      "an empty argument names no picture: pass JPEG files, folders or glob patterns " +
        "(. for the working folder).",
    );
  }
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: optionSpec,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) {
      throw new UsageError(`unknown option ${unknown[1]}: see --help for the options.`);
    }

    const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
    if (missing) throw new UsageError(`${missing[1]} needs a value: see --help.`);

    const ambiguous = /Option '([^']+?)(?: <value>)?' argument is ambiguous/.exec(message);
    if (ambiguous) throw dashValue(ambiguous[1] as string, argv);

    throw new UsageError(`${message.split(".")[0]}: see --help.`);
  }
}

const SHORT_OPTIONS = Object.values(optionSpec).flatMap((spec) =>
  "short" in spec ? [`-${spec.short}`] : [],
);

// parseArgs takes a value that starts with a dash for a forgotten value and another option.
// When that "value" is itself an option, the value was forgotten; else it was meant.
function dashValue(option: string, argv: readonly string[]): UsageError {
  const at = argv.findIndex((arg, index) => arg === option && argv[index + 1]?.startsWith("-"));
  const value = (at >= 0 && argv[at + 1]) || "-...";
  if (value.startsWith("--") || SHORT_OPTIONS.includes(value)) {
    return new UsageError(`${option} needs a value (it is followed by ${value}): see --help.`);
  }

  return new UsageError(
    `${option} ${JSON.stringify(value)}: a value that starts with a dash reads as an option. ` +
      `Join it to the option with "=": ${JSON.stringify(`${option}=${value}`)}.`,
  );
}

function readTarget(value: string | undefined): TargetName {
  if (value === undefined) return "mock";
  if (value === "mock" || value === "sandbox" || value === "live") return value;

  throw new UsageError(
    `--target ${JSON.stringify(value)} is not a target: use mock, sandbox or live ` +
      "(or --base-url URL).",
  );
}

function readMember(value: string): number {
  const id = Number(value);
  if (/^[1-9]\d*$/.test(value) && Number.isSafeInteger(id)) return id;
  if (/^0\d+$/.test(value)) {
    throw new UsageError(
      `--as-member ${value} starts with a zero, which no UserID does: ` +
        "pass the member's numeric ID as it is written, such as --as-member 123456.",
    );
  }

  throw new UsageError(
    `--as-member ${JSON.stringify(value)} is not a member's UserID: pass the member's ` +
      "numeric ID, such as --as-member 123456.",
  );
}

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 * 1024,
  mb: 1_000_000,
  mib: 1024 * 1024,
  g: 1024 ** 3,
  gb: 1e9,
  gib: 1024 ** 3,
};

/** Room for the JSON around the pictures and one small picture: below this, nothing fits. */
export const MIN_MAX_REQUEST_BYTES = 1024;

// The API's own cap is not documented. Each request in flight holds its body in memory,
// so the budget stays far below what one process can allocate.
export const MAX_MAX_REQUEST_BYTES = 1024 * 1024 * 1024;

function readByteSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_REQUEST_BYTES;

  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = UNITS[match?.[2]?.toLowerCase() ?? "?"];
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : Number.NaN;
  if (bytes > MAX_MAX_REQUEST_BYTES) {
    throw new UsageError(
      `--max-request-bytes ${value} is too large: the largest is 1GiB ` +
        `(${MAX_MAX_REQUEST_BYTES} bytes); the default is 8MiB.`,
    );
  }
  if (bytes >= MIN_MAX_REQUEST_BYTES) return bytes;

  if (bytes >= 0) {
    throw new UsageError(
      `--max-request-bytes ${value} is too small: a request needs room for its JSON and at ` +
        "least one picture. Pass 1KiB or more (the default is 8MiB).",
    );
  }
  throw new UsageError(
    `--max-request-bytes ${JSON.stringify(value)} is not a size: pass bytes or a size with ` +
      "a unit, such as 8MiB.",
  );
}

// Each request in flight holds its body, up to --max-request-bytes, in memory: keep it bounded.
function readConcurrency(value: string): number {
  const count = Number(value);
  if (/^\d+$/.test(value) && count >= 1 && count <= 16) return count;

  const problem = /^\d+$/.test(value) ? "is out of range" : "is not a whole number";
  throw new UsageError(
    `--concurrency ${JSON.stringify(value)} ${problem}: pass a number of requests from 1 to 16 ` +
      "(the default is 1).",
  );
}

/** The client's limit on its timeout (the longest timer Node keeps), in whole seconds. */
export const MAX_TIMEOUT_SECONDS = 2_147_483;

function readTimeout(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(seconds > 0)) {
    const problem = /^\d+(\.\d+)?$/.test(value) ? "is out of range" : "is not a number of seconds";
    throw new UsageError(
      `--timeout ${JSON.stringify(value)} ${problem}: pass seconds from 0.001 to ` +
        `${MAX_TIMEOUT_SECONDS}, such as --timeout 30.`,
    );
  }
  if (seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `--timeout ${value} is too long: pass at most ${MAX_TIMEOUT_SECONDS} seconds.`,
    );
  }

  const ms = Math.round(seconds * 1000);
  if (ms < 1) {
    throw new UsageError(
      `--timeout ${value} is shorter than a millisecond: pass 0.001 seconds or more.`,
    );
  }
  return ms;
}

function debugRequested(setting: string | undefined): boolean {
  if (!setting) return false;

  return setting.split(/[\s,]+/).some((pattern) => {
    if (pattern.startsWith("-") || pattern === "") return false;
    const regex = new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`);

    return regex.test(DEBUG_NAME);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
