import { runNode, siblingScript } from "../child-process.js";
import type { Figure } from "../figure.js";
import type { MemoryCase, MemoryResult } from "../memory-child.js";
import { mebibytes, rotated, spreadOf } from "../stats.js";

const MiB = 1024 * 1024;

export interface UploadMemorySize {
  smallBytes: number;
  largeBytes: number;
  repeats: number;
  maxRequestBytes: number;
}

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
  const small: number[] = [];
  const large: number[] = [];
  const raw: number[] = [];
  const ratios: number[] = [];

  const cases = {
    small: { ...base, totalBytes: size.smallBytes },
    large: { ...base, totalBytes: size.largeBytes },
    raw: { ...base, sender: "raw" as const, totalBytes: size.smallBytes },
  };

  for (let repeat = 0; repeat < size.repeats; repeat += 1) {
    const growth = { small: 0, large: 0, raw: 0 };
    for (const which of rotated(["small", "large", "raw"] as const, repeat)) {
      growth[which] = (await growthOnce(cases[which])) / MiB;
    }
    small.push(growth.small);
    large.push(growth.large);
    raw.push(growth.raw);
    ratios.push(growth.large / growth.small);
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
    growthFigure(size.smallBytes, small),
    growthFigure(size.largeBytes, large),
    {
      name: `upload RSS growth, ${mebibytes(size.smallBytes)}, raw fetch`,
      against: "the process before the upload",
      unit: "MiB",
      spread: spreadOf(raw),
      note: "the same bodies prebuilt: what fetch itself costs",
    },
    {
      name: "upload RSS growth, large vs small",
      against: `the ${mebibytes(size.smallBytes)} case`,
      unit: "x",
      spread: spreadOf(ratios),
      goal: { text: "<= 1.25x (flat)", pass: (median) => median <= 1.25 },
    },
  ];
}
