import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import jpeg from "jpeg-js";

export const SAMPLES = fileURLToPath(new URL("../../samples", import.meta.url));

/** A small, valid JPEG whose pixels depend on `seed`, so each seed gives other bytes. */
export function makeJpeg(seed: number, width = 24, height = 16): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = (seed * 37 + i) % 256;
    data[i + 1] = (seed * 91 + i * 3) % 256;
    data[i + 2] = (seed * 53) % 256;
    data[i + 3] = 255;
  }

  return jpeg.encode({ data, width, height }, 90).data;
}

/** A fresh temporary folder, and a function that removes it. */
export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), "add-free-pictures-"));

  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The pictures of a JSON body as the mock or the fault server saw it. */
export function decodedImages(body: string): Buffer[] {
  const parsed = JSON.parse(body) as { Pictures: Array<{ Image: string }> };

  return parsed.Pictures.map((picture) => Buffer.from(picture.Image, "base64"));
}

/** Writes `count` distinct small JPEGs named p1.jpg, p2.jpg... and returns their bytes by name. */
export function writePictures(dir: string, count: number, firstSeed = 1): Map<string, Buffer> {
  const written = new Map<string, Buffer>();
  for (let i = 1; i <= count; i++) {
    const bytes = makeJpeg(firstSeed + i);
    writeFileSync(join(dir, `p${i}.jpg`), bytes);
    written.set(`p${i}.jpg`, bytes);
  }

  return written;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
