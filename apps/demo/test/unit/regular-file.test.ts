import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileProblemError, readAtMost } from "../../src/regular-file.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "regular-file-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function readWith(path: string, maxBytes: number, sizeWhenOpened: number) {
  const handle = await open(path);
  try {
    return await readAtMost(handle, maxBytes, sizeWhenOpened);
  } finally {
    await handle.close();
  }
}

describe("reading a file to its end", () => {
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, at) => at % 251));

  it("gives the whole file, read into a buffer of its size", async () => {
    writeFileSync(join(dir, "f"), bytes);

    expect(await readWith(join(dir, "f"), 10_000, bytes.length)).toEqual(bytes);
  });

  it("reads on past the size it had when opened if it has grown since", async () => {
    writeFileSync(join(dir, "f"), bytes);
    appendFileSync(join(dir, "f"), bytes);

    expect(await readWith(join(dir, "f"), 100_000, bytes.length)).toEqual(
      Buffer.concat([bytes, bytes]),
    );
  });

  it("refuses a file that has grown past the cap", async () => {
    writeFileSync(join(dir, "f"), Buffer.concat([bytes, bytes]));

    const error = await readWith(join(dir, "f"), 6000, bytes.length).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(FileProblemError);
    expect((error as FileProblemError).problem).toMatchObject({ kind: "too-large" });
  });

  it("gives an empty file as no bytes", async () => {
    writeFileSync(join(dir, "f"), "");

    expect(await readWith(join(dir, "f"), 100, 0)).toEqual(Buffer.alloc(0));
  });
});
