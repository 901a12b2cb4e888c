import { runNode, siblingScript } from "../child-process.js";
import type { Figure } from "../figure.js";
import type { MemoryCase, MemoryResult } from "../memory-child.js";
import { mebibytes, rotated, spreadOf } from "../stats.js";

const MiB = 1024 * 1024;

export interface UploadMemorySize {
  smallBytes: number;
  largeBytes: number;
  largestBytes: number;
  repeats: number;
  maxRequestBytes: number;
}

// Why flatness is judged from the large case to the largest, not from the small one:
// each picture's base64 passes through short-lived strings (Buffer has no byte-to-byte
// encoder), and V8 answers that garbage by growing its young generation towards its cap
// over the first hundred MiB or so. That growth is once per process and bounded; a
// cost that grew with the upload would still show between the two larger cases.

async function growthOnce(input: MemoryCase): Promise<number> {
  const output = await runNode([siblingScript("memory-child.js"), JSON.stringify(input)]);
  const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as MemoryResult;
  if (result.uploaded !== result.pictures) {
    throw new Error(`the memory case uploaded ${result.uploaded} of ${result.pictures} pictures`);
  }

  return result.peakBytes - result.baselineBytes;
}

/**
 * Peak RSS growth of a file-path upload over the process before it, each case in a
 * fresh child process, the cases taking turns; raw fetch with prebuilt bodies beside them.
 */
export async function uploadMemory(
  baseUrl: string,
  pictures: { files: string[]; bytes: Uint8Array[] },
  size: UploadMemorySize,
): Promise<Figure[]> {
  const base = {
    sender: "client" as const,
    baseUrl,
    files: pictures.files,
    sizes: pictures.bytes.map((bytes) => bytes.length),
    maxRequestBytes: size.maxRequestBytes,
  };
  const cases = {
    small: { ...base, totalBytes: size.smallBytes },
    large: { ...base, totalBytes: size.largeBytes },
    largest: { ...base, totalBytes: size.largestBytes },
    raw: { ...base, sender: "raw" as const, totalBytes: size.smallBytes },
  };
  const names = Object.keys(cases) as (keyof typeof cases)[];
  const growths: Record<keyof typeof cases, number[]> = {
    small: [],
    large: [],
    largest: [],
    raw: [],
  };
  const warmUp: number[] = [];
  const flat: number[] = [];

  for (let repeat = 0; repeat < size.repeats; repeat += 1) {
    for (const which of rotated(names, repeat)) {
      growths[which].push((await growthOnce(cases[which])) / MiB);
    }
    const latest = (which: keyof typeof cases) => growths[which].at(-1) as number;
    warmUp.push(latest("large") / latest("small"));
    flat.push(latest("largest") / latest("large"));
  }

  const budget = size.maxRequestBytes / MiB;
  const growthFigure = (bytes: number, values: number[]): Figure => ({
    name: `upload RSS growth, ${mebibytes(bytes)}`,
    against: "the process before the upload",
    unit: "MiB",
    spread: spreadOf(values),
    goal: {
      text: `<= ${mebibytes(3 * size.maxRequestBytes)} (3 batches)`,
      pass: (median) => median <= 3 * budget,
    },
    note: `batch budget ${mebibytes(size.maxRequestBytes)}; files given as paths`,
  });

  return [
    growthFigure(size.smallBytes, growths.small),
    growthFigure(size.largeBytes, growths.large),
    growthFigure(size.largestBytes, growths.largest),
    {
      name: `upload RSS growth, ${mebibytes(size.smallBytes)}, raw fetch`,
      against: "the process before the upload",
      unit: "MiB",
      spread: spreadOf(growths.raw),
      note: "the same bodies prebuilt: what fetch itself costs",
    },
    {
      name: "upload RSS growth, large vs small",
      against: `the ${mebibytes(size.smallBytes)} case`,
      unit: "x",
      spread: spreadOf(warmUp),
      note: "includes V8 growing its young generation, once per process (see the bench README)",
    },
    {
      name: "upload RSS growth, largest vs large",
      against: `the ${mebibytes(size.largeBytes)} case`,
      unit: "x",
      spread: spreadOf(flat),
      goal: { text: "<= 1.25x (flat)", pass: (median) => median <= 1.25 },
    },
  ];
}
