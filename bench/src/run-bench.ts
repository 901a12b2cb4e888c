import { DEFAULT_MAX_REQUEST_BYTES } from "@adultwork-api/client";
import { siblingScript, startChild } from "./child-process.js";
import type { Figure } from "./figure.js";
import { base64Throughput } from "./figures/base64.js";
import { bundleSize } from "./figures/bundle-size.js";
import { callOverhead } from "./figures/call-overhead.js";
import { cliStart } from "./figures/cli-start.js";
import { cliUpload } from "./figures/cli-upload.js";
import { mockReady } from "./figures/mock-ready.js";
import { turboWarm } from "./figures/turbo-warm.js";
import { uploadMemory } from "./figures/upload-memory.js";
import { uploadThroughput } from "./figures/upload-throughput.js";
import { makePictures } from "./pictures.js";
import { spreadOf } from "./stats.js";

const MiB = 1024 * 1024;
// Full runs upload under the client's own default budget; smoke runs use a small one.
const BATCH_BUDGET = DEFAULT_MAX_REQUEST_BYTES;

/** How much work each figure does: the full bench, or the smoke run that keeps it honest. */
const SIZES = {
  full: {
    pictures: { count: 5, width: 1800 },
    call: { rounds: 30, callsPerBlock: 200 },
    upload: { totalBytes: 64 * MiB, rounds: 6, maxRequestBytes: BATCH_BUDGET },
    memory: {
      smallBytes: 64 * MiB,
      largeBytes: 256 * MiB,
      largestBytes: 1024 * MiB,
      repeats: 3,
      maxRequestBytes: BATCH_BUDGET,
    },
    base64: { rounds: 15 },
    turbo: { warmRuns: 5, dryRun: false },
    mock: { rounds: 5 },
    cli: { rounds: 15 },
    uploader: { totalBytes: 64 * MiB, rounds: 5 },
  },
  smoke: {
    pictures: { count: 3, width: 160 },
    call: { rounds: 3, callsPerBlock: 10 },
    upload: { totalBytes: MiB / 2, rounds: 2, maxRequestBytes: MiB / 8 },
    memory: {
      smallBytes: MiB / 2,
      largeBytes: MiB,
      largestBytes: 2 * MiB,
      repeats: 1,
      maxRequestBytes: MiB / 8,
    },
    base64: { rounds: 2 },
    turbo: { warmRuns: 1, dryRun: true },
    mock: { rounds: 1 },
    cli: { rounds: 2 },
    uploader: { totalBytes: MiB / 2, rounds: 1 },
  },
};

export type BenchMode = keyof typeof SIZES;

/** The figure groups, in the order they run (and `--only` names them). */
export const GROUPS = [
  "call",
  "upload",
  "memory",
  "base64",
  "bundle",
  "turbo",
  "mock",
  "cli",
  "uploader",
] as const;
export type Group = (typeof GROUPS)[number];

/** Progress goes to stderr, so stdout carries only the table (or JSON). */
export type Progress = (message: string) => void;

async function guarded(name: string, progress: Progress, run: () => Promise<Figure[]>) {
  progress(`${name}...`);
  try {
    return await run();
  } catch (error) {
    const message = (error as Error).message.split("\n")[0] ?? "";
    progress(`${name} failed: ${(error as Error).stack ?? message}`);
    const failed: Figure = {
      name,
      against: "-",
      unit: "",
      spread: spreadOf([Number.NaN]),
      goal: { text: "a figure", pass: () => false },
      note: `error: ${message}`,
    };
    return [failed];
  }
}

/** Runs every figure in turn; a figure that fails becomes a NaN row, and the rest go on. */
export async function runBench(
  mode: BenchMode,
  progress: Progress,
  only: readonly string[] = GROUPS,
): Promise<Figure[]> {
  const size = SIZES[mode];
  const sink = startChild([siblingScript("sink-server.js")]);
  const pictures = await makePictures(size.pictures.count, size.pictures.width);
  const megabytes = pictures.bytes.map((bytes) => (bytes.length / MiB).toFixed(1)).join(", ");
  progress(`pictures: ${pictures.bytes.length} JPEGs of ${megabytes} MiB in ${pictures.dir}`);

  try {
    const { url } = JSON.parse(await sink.lineMatching(/"url"/)) as { url: string };
    const figures: Figure[] = [];
    const runs: Record<Group, () => Promise<Figure[]>> = {
      call: () => callOverhead(url, size.call),
      upload: () => uploadThroughput(url, pictures.bytes, size.upload),
      memory: () => uploadMemory(url, pictures, size.memory),
      base64: () => base64Throughput(pictures.bytes, size.base64),
      bundle: () => bundleSize(),
      turbo: () => turboWarm(size.turbo),
      mock: () => mockReady(size.mock),
      cli: () => cliStart(size.cli),
      uploader: () => cliUpload(url, pictures.bytes, size.uploader),
    };

    for (const group of GROUPS.filter((name) => only.includes(name))) {
      figures.push(...(await guarded(group, progress, runs[group])));
    }

    return figures;
  } finally {
    await sink.stop();
    await pictures.remove();
  }
}
