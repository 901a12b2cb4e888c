import { Buffer } from "node:buffer";
import { readFile } from "node:fs/promises";
import type { AdultWorkClient } from "@adultwork-api/client";

export const UPLOAD_PATH = "/v1/Pictures/AddFreePictures";
export const TOKEN = "bench-token";

export interface BenchPicture {
  /** The JPEG's bytes, or its file path. */
  image: Uint8Array | string;
  description: string;
}

const bytesOf = async (image: Uint8Array | string) =>
  typeof image === "string" ? readFile(image) : Buffer.from(image);

/** The JSON bodies of the batches the client plans, built in full ahead of time. */
export async function rawBodies(
  client: AdultWorkClient,
  pictures: readonly BenchPicture[],
  maxRequestBytes: number,
): Promise<Uint8Array<ArrayBuffer>[]> {
  const batches = await client.planUpload(pictures, { maxRequestBytes });
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  const encoder = new TextEncoder();

  for (const batch of batches) {
    const items = [];
    for (const index of batch.indexes) {
      const picture = pictures[index] as BenchPicture;
      const image = (await bytesOf(picture.image)).toString("base64");
      items.push({ Description: picture.description, Image: image });
    }
    bodies.push(encoder.encode(JSON.stringify({ Pictures: items })));
  }

  return bodies;
}

/** Sends each body in turn with plain fetch, as the client would, and reads each answer. */
export async function sendRaw(
  baseUrl: string,
  bodies: readonly Uint8Array<ArrayBuffer>[],
): Promise<void> {
  const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };

  for (const body of bodies) {
    const response = await fetch(`${baseUrl}${UPLOAD_PATH}`, { method: "POST", headers, body });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`the sink answered ${response.status}`);
  }
}
