import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPicture } from "@adultwork-api/client";
import sharp from "sharp";

export interface BenchPictures {
  dir: string;
  files: string[];
  bytes: Uint8Array[];
  remove(): Promise<void>;
}

/** A small seeded generator (mulberry32): the same seed gives the same pixels. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Gradients under heavy grain: the grain keeps the JPEG large, like a busy photo.
function pixels(width: number, height: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const data = Buffer.alloc(width * height * 3);

  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      data[offset] = (x * 255) / width / 2 + random() * 128;
      data[offset + 1] = (y * 255) / height / 2 + random() * 128;
      data[offset + 2] = ((x + y) * 255) / (width + height) / 2 + random() * 128;
    }
  }

  return data;
}

/**
 * Encodes `count` distinct JPEGs with a real encoder into a fresh temp dir.
 * `width` sets the size: 2048 gives pictures of a few MB each.
 */
export async function makePictures(count: number, width: number): Promise<BenchPictures> {
  const dir = await mkdtemp(join(tmpdir(), "adultwork-bench-"));
  const files: string[] = [];
  const bytes: Uint8Array[] = [];

  try {
    for (let index = 0; index < count; index += 1) {
      // Each picture a little wider than the last, so the sizes differ.
      const pictureWidth = Math.round(width * (1 + index / 8));
      const height = Math.round((pictureWidth * 3) / 4);
      const raw = pixels(pictureWidth, height, 1 + index);
      const jpeg = await sharp(raw, { raw: { width: pictureWidth, height, channels: 3 } })
        .jpeg({ quality: 90 })
        .toBuffer();

      const problem = checkPicture(jpeg);
      if (problem) throw new Error(`bench picture ${index} is not usable: it ${problem}`);

      const file = join(dir, `bench-${index + 1}.jpg`);
      await writeFile(file, jpeg);
      files.push(file);
      bytes.push(new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength));
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return { dir, files, bytes, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Indexes into the distinct pictures, cycling, until their sizes add up to `totalBytes`. */
export function cycleTo(sizes: readonly number[], totalBytes: number): number[] {
  const order: number[] = [];
  let sum = 0;

  while (sum < totalBytes) {
    const index = order.length % sizes.length;
    order.push(index);
    sum += sizes[index] ?? 0;
  }

  return order;
}
