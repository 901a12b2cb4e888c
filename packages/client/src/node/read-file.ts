import { open, readFile, stat } from "node:fs/promises";
import { HEAD_BYTES } from "../jpeg.js";
import type { PictureSource } from "../pictures.js";

/** A picture file on disk: sized by stat, read only when its batch goes. */
export async function openFile(path: string): Promise<PictureSource> {
  const { size } = await stat(path);

  return {
    size,
    head: async () => {
      const file = await open(path);
      try {
        const { buffer, bytesRead } = await file.read(new Uint8Array(HEAD_BYTES), 0, HEAD_BYTES, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    },
    read: async () => new Uint8Array(await readFile(path)),
  };
}

/** Base64 through Buffer, which is much faster than the portable encoder. */
export const encodeWithBuffer = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
