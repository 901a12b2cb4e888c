import { open, stat } from "node:fs/promises";
import { HEAD_BYTES } from "../jpeg.js";
import { counted } from "../options.js";
import type { PictureSource } from "../pictures.js";

/** A picture file on disk: sized by stat, read only when its batch goes. */
export async function openFile(path: string): Promise<PictureSource> {
  const { size } = await stat(path);

  const withFile = async <T>(use: (file: Awaited<ReturnType<typeof open>>) => Promise<T>) => {
    const file = await open(path);
    try {
      return await use(file);
    } finally {
      await file.close();
    }
  };

  return {
    size,
    head: () =>
      withFile(async (file) => {
        const { buffer, bytesRead } = await file.read(new Uint8Array(HEAD_BYTES), 0, HEAD_BYTES, 0);
        return buffer.subarray(0, bytesRead);
      }),
    // Straight into the request body when it still has the size it was checked with;
    // a file that changed size is refused as it is, not read whole for its new length.
    read: (into) =>
      withFile(async (file) => {
        if (!into) return file.readFile();
        const now = (await file.stat()).size;
        if (now !== size) {
          const change = `${size} -> ${counted(now, "byte")}`;
          throw new Error(`it changed size since it was checked: ${change}`);
        }

        let filled = 0;
        while (filled < size) {
          const { bytesRead } = await file.read(into, filled, size - filled, filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }

        return into.subarray(0, filled);
      }),
  };
}
