import { Buffer } from "node:buffer";
import * as nodeEntry from "@adultwork-api/client";
import { importBrowserEntry } from "../client-entries.js";
import type { Figure } from "../figure.js";
import { rotated, spreadOf, timed } from "../stats.js";

type Encode = (bytes: Uint8Array) => string;

const ENCODER_EXPORT = "encodeBase64";

// Through uploadPictures with a fetch that answers at once: the encode path plus batching.
function throughUpload(module: Record<string, unknown>): (all: Uint8Array[]) => Promise<void> {
  const create = module.createClient as typeof nodeEntry.createClient;
  const client = create({
    accessToken: "bench-token",
    baseUrl: "http://127.0.0.1:9",
    fetch: async () => new Response(null, { status: 200 }),
    retry: false,
  });

  return async (all) => {
    await client.uploadPictures(all.map((image) => ({ image, description: "bench" })));
  };
}

function encoderOf(
  module: Record<string, unknown>,
): ((all: Uint8Array[]) => Promise<void>) | undefined {
  const encode = module[ENCODER_EXPORT] as Encode | undefined;
  if (typeof encode !== "function") return undefined;

  return async (all) => {
    for (const bytes of all) encode(bytes);
  };
}

export interface Base64Size {
  rounds: number;
}

/** The client's base64 encoder against Buffer's, on the same JPEGs, rounds interleaved. */
export async function base64Throughput(
  pictures: Uint8Array[],
  size: Base64Size,
): Promise<Figure[]> {
  const browserEntry = await importBrowserEntry();
  const node = nodeEntry as unknown as Record<string, unknown>;
  const nodeEncoder = encoderOf(node);
  const browserEncoder = encoderOf(browserEntry);

  const contenders: Record<string, (all: Uint8Array[]) => Promise<void>> = {
    buffer: async (all) => {
      for (const bytes of all)
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");
    },
    node: nodeEncoder ?? throughUpload(node),
    browser: browserEncoder ?? throughUpload(browserEntry),
  };
  const names = Object.keys(contenders);
  const ratios: Record<string, number[]> = { node: [], browser: [] };
  const megabytes = pictures.reduce((sum, bytes) => sum + bytes.length, 0) / (1024 * 1024);
  const bufferSpeeds: number[] = [];

  for (const name of names) await contenders[name]?.(pictures);

  for (let round = 0; round < size.rounds; round += 1) {
    const times: Record<string, number> = {};
    for (const name of rotated(names, round)) {
      times[name] = await timed(() =>
        (contenders[name] as (all: Uint8Array[]) => Promise<void>)(pictures),
      );
    }
    bufferSpeeds.push(megabytes / ((times.buffer as number) / 1000));
    ratios.node?.push((times.buffer as number) / (times.node as number));
    ratios.browser?.push((times.buffer as number) / (times.browser as number));
  }

  const native = "toBase64" in Uint8Array.prototype ? "present" : "absent";
  const nativeNote = `Uint8Array.prototype.toBase64 ${native} in Node ${process.versions.node}`;
  const what = (found: boolean) => (found ? "encoder" : "encode path");
  const how = (found: boolean) =>
    found
      ? `the exported ${ENCODER_EXPORT}`
      : `no ${ENCODER_EXPORT} export: uploadPictures with a no-op fetch (JSON included)`;

  return [
    {
      name: "base64: Buffer.toString('base64')",
      against: "-",
      unit: "MiB/s",
      spread: spreadOf(bufferSpeeds),
    },
    {
      name: `base64: client ${what(nodeEncoder !== undefined)} (node entry)`,
      formerName: `base64: client ${what(nodeEncoder === undefined)} (node entry)`,
      against: "Buffer, same round",
      unit: "x",
      spread: spreadOf(ratios.node ?? []),
      goal: { text: ">= 0.9x", pass: (median) => median >= 0.9 },
      note: how(nodeEncoder !== undefined),
    },
    {
      name: `base64: client ${what(browserEncoder !== undefined)} (browser entry, in Node)`,
      formerName: `base64: client ${what(browserEncoder === undefined)} (browser entry, in Node)`,
      against: "Buffer, same round",
      unit: "x",
      spread: spreadOf(ratios.browser ?? []),
      note: `${how(browserEncoder !== undefined)}; ${nativeNote}`,
    },
  ];
}
