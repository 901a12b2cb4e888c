import { open, readFile, stat } from "node:fs/promises";
import { HEAD_BYTES, TAIL_BYTES } from "../jpeg.js";
import type { PictureSource } from "../pictures.js";

/** A picture file on disk: sized by stat, read only when its batch goes. */
export async function openFile(path: string): Promise<PictureSource> {
  const { size } = await stat(path);

  return {
    size,
    edges: async () => {
      const file = await open(path);
      try {
        const read = async (length: number, position: number) => {
          const { buffer, bytesRead } = await file.read(
            new Uint8Array(length),
            0,
            length,
            position,
          );
          return buffer.subarray(0, bytesRead);
        };
        const tailStart = Math.max(0, size - TAIL_BYTES);

        return {
          head: await read(HEAD_BYTES, 0),
          tail: await read(size - tailStart, tailStart),
          size,
        };
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
