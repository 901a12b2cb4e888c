import { basename, dirname, relative, resolve } from "node:path";
import { formatBytes } from "./format.js";
import { FileProblemError, fixForUnreadable, readRegularFile } from "./regular-file.js";
import { UsageError } from "./usage-error.js";

/** Descriptions by file name, read from a CSV or JSON file. */
export interface Captions {
  /** The description for a file, or undefined; marks the caption as used. */
  for(absolutePath: string): string | undefined;
  /** The keys no file of the run matched so far. */
  unused(): string[];
}

const FIX = "Each entry maps a file name (or a path) to its description.";

/** Some 100,000 captions: far more than one upload needs. */
const MAX_CAPTIONS_BYTES = 10 * 1024 * 1024;

export async function loadCaptions(path: string, cwd: string): Promise<Captions> {
  const absolute = resolve(cwd, path);

  let text: string;
  try {
    text = (await readRegularFile(absolute, MAX_CAPTIONS_BYTES)).toString("utf8");
  } catch (error) {
    throw refusal(path, error);
  }

  const looksLikeJson = /\.json$/i.test(path) || /^\s*[[{]/.test(text);
  const entries = looksLikeJson ? parseJsonCaptions(text, path) : parseCsvCaptions(text, path);

  return matcher(entries, [cwd, dirname(absolute)]);
}

function refusal(path: string, error: unknown): unknown {
  if (!(error instanceof FileProblemError)) return error;

  const { problem } = error;
  switch (problem.kind) {
    case "missing":
      return new UsageError(
        `--captions ${path} does not exist: check the path, or leave out --captions.`,
      );
    case "not-a-file":
      return new UsageError(
        `--captions ${path} is ${problem.what}, not a regular file: pass the path of a CSV ` +
          "or JSON file, or leave out --captions.",
      );
    case "too-large":
      return new UsageError(
        `--captions ${path} is ${formatBytes(problem.size)}, more than the ` +
          `${formatBytes(MAX_CAPTIONS_BYTES)} this tool reads: keep only the captions of the ` +
          "pictures you upload.",
      );
    case "unreadable":
      return new UsageError(
        `--captions ${path} cannot be read (${problem.code}): ` +
          `${fixForUnreadable(problem.code)}, or leave out --captions.`,
      );
  }
}

function matcher(entries: Map<string, string>, roots: string[]): Captions {
  const used = new Set<string>();

  return {
    for(absolutePath) {
      const names = [basename(absolutePath), ...roots.map((root) => relative(root, absolutePath))];
      const key = names.map(normalizeKey).find((name) => entries.has(name));
      if (key === undefined) return undefined;

      used.add(key);
      return entries.get(key);
    },
    unused: () => [...entries.keys()].filter((key) => !used.has(key)),
  };
}

function normalizeKey(key: string): string {
  return key
    .trim()
    .replaceAll("\\", "/")
    .replace(/^(\.\/)+/, "");
}

function parseJsonCaptions(text: string, path: string): Map<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `--captions ${path} is not valid JSON (${(error as Error).message}): fix the file. ${FIX}`,
    );
  }

  const pairs: Array<[unknown, unknown]> = Array.isArray(value)
    ? value.map((item) => [item?.file, item?.description])
    : typeof value === "object" && value !== null
      ? Object.entries(value)
      : [];

  if (pairs.length === 0 && !(typeof value === "object" && value !== null)) {
    throw new UsageError(
      `--captions ${path} holds no captions: use {"name.jpg": "description"} or ` +
        '[{"file": "name.jpg", "description": "..."}].',
    );
  }

  // JSON.parse keeps only the last of two equal keys; the text still has both.
  if (!Array.isArray(value)) refuseRepeatedNames(topLevelKeys(text), path);

  const entries = new Map<string, string>();
  pairs.forEach(([file, description], index) => {
    if (typeof file !== "string" || file.trim() === "" || typeof description !== "string") {
      throw new UsageError(
        `--captions ${path}: entry ${index + 1} is not a file name with a text description: ` +
          `fix it. ${FIX}`,
      );
    }
    entries.set(normalizeKey(file), description);
  });
  if (Array.isArray(value)) {
    refuseRepeatedNames(
      pairs.map(([file]) => file),
      path,
    );
  }

  return entries;
}

/** Refuses a name given twice (also as `./name`), as the CSV reader does, naming both. */
function refuseRepeatedNames(names: unknown[], path: string): void {
  const first = new Map<string, number>();

  names.forEach((name, index) => {
    if (typeof name !== "string") return;
    const key = normalizeKey(name);
    const earlier = first.get(key);
    if (earlier !== undefined) {
      throw new UsageError(
        `--captions ${path} names ${key} twice (entries ${earlier + 1} and ${index + 1}): ` +
          "keep one.",
      );
    }
    first.set(key, index);
  });
}

const COLON_AFTER = /\s*:/y;

/** The keys of the outermost object of valid JSON text, in order, repeats included. */
function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;

  for (let i = 0; i < text.length; i++) {
    const char = text[i];

    if (char === '"') {
      const end = closingQuote(text, i);
      COLON_AFTER.lastIndex = end + 1;
      if (depth === 1 && COLON_AFTER.test(text)) {
        keys.push(JSON.parse(text.slice(i, end + 1)) as string);
      }
      i = end;
    } else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") depth--;
  }

  return keys;
}

function closingQuote(text: string, open: number): number {
  let i = open + 1;
  while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;

  return i;
}

function parseCsvCaptions(text: string, path: string): Map<string, string> {
  const rows = parseCsv(text, path);
  const entries = new Map<string, string>();
  const lines = new Map<string, number>();

  rows.forEach(({ fields, line }, index) => {
    if (index === 0 && isHeader(fields)) return;

    if (fields.length !== 2 || fields[0]?.trim() === "") {
      throw new UsageError(
        `--captions ${path} line ${line} has ${fields.length} field(s), not 2: write ` +
          '`file name,description` and quote a description that holds commas ("like, this").',
      );
    }

    const key = normalizeKey(fields[0] as string);
    if (lines.has(key)) {
      throw new UsageError(
        `--captions ${path} names ${key} twice (lines ${lines.get(key)} and ${line}): keep one.`,
      );
    }

    lines.set(key, line);
    entries.set(key, fields[1] as string);
  });

  return entries;
}

function isHeader(fields: string[]): boolean {
  const [file, description] = fields.map((field) => field.trim().toLowerCase());

  return (
    /^(file|name|file ?name|path)$/.test(file ?? "") &&
    /^(description|caption)$/.test(description ?? "")
  );
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string, path: string): Array<{ fields: string[]; line: number }> {
  const rows: Array<{ fields: string[]; line: number }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;

  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]?.trim() !== "") rows.push({ fields, line: rowLine });
    fields = [];
    field = "";
  };

  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const char = source[i];

    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else field += char;
  }

  if (quoted) {
    throw new UsageError(
      `--captions ${path} line ${rowLine} opens a quote that never closes: close it with ".`,
    );
  }
  endRow();

  return rows;
}
