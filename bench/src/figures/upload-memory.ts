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

// Node's fetch parses answers with a WebAssembly build of llhttp. Once it has parsed
// enough of them, V8 recompiles it in the background, which takes about 29 MiB of
// compiler memory for a moment (seen with strace, in V8's wasm compile job): a one-off
// cost of the process that lands in whichever upload is running then. The cases with
// goals run as users run them, so that cost counts against the goal; one case without a
// goal keeps that module on V8's baseline compiler, to show what the upload itself holds.
const BASELINE_WASM = ["--liftoff-only"];

async function growthOnce(input: MemoryCase, flags: string[]): Promise<number> {
  const output = await runNode([...flags, siblingScript("memory-child.js"), JSON.stringify(input)]);
  const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as MemoryResult;
  if (result.uploaded !== result.pictures) {
    throw new Error(`the memory case uploaded ${result.uploaded} of ${result.pictures} pictures`);
  }

  return result.peakBytes - result.baselineBytes;
}

/**
 * Peak RSS growth of a file-path upload over the process before it, each case in a
 * fresh child process, the cases taking turns; raw fetch with prebuilt bodies beside them,
 * and the client's small case once more with fetch's parser kept on V8's baseline tier.
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
    raw: { ...base, sender: "raw" as const, totalBytes: size.smallBytes },
    baseline: { ...base, totalBytes: size.smallBytes },
  };
  const names = Object.keys(cases) as (keyof typeof cases)[];
  const growths: Record<keyof typeof cases, number[]> = {
    small: [],
    large: [],
    raw: [],
    baseline: [],
  };
  const ratios: number[] = [];

  for (let repeat = 0; repeat < size.repeats; repeat += 1) {
    for (const which of rotated(names, repeat)) {
      const flags = which === "baseline" ? BASELINE_WASM : [];
      growths[which].push((await growthOnce(cases[which], flags)) / MiB);
    }
    ratios.push((growths.large.at(-1) as number) / (growths.small.at(-1) as number));
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
    {
      name: `upload RSS growth, ${mebibytes(size.smallBytes)}, raw fetch`,
      against: "the process before the upload",
      unit: "MiB",
      spread: spreadOf(growths.raw),
      note: "the same bodies prebuilt: what fetch itself costs",
    },
    {
      name: `upload RSS growth, ${mebibytes(size.smallBytes)}, fetch's parser not recompiled`,
      against: "the process before the upload",
      unit: "MiB",
      spread: spreadOf(growths.baseline),
      note: "the client's case under --liftoff-only: what the upload itself holds",
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
