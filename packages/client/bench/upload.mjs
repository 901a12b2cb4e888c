// Speed and memory of uploadPictures on files, with a fetch that only reads the
// body: how fast pictures are read, encoded and serialised, and how much heap
// that takes. Run after a build: `pnpm bench` (or `node bench/upload.mjs`).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "../dist/node.js";

const FILES = 48;
const FILE_BYTES = 2 * 1024 * 1024;
const MiB = 1024 * 1024;
const print = (line) => process.stdout.write(`${line}\n`);

const dir = await mkdtemp(join(tmpdir(), "client-bench-"));
try {
  const picture = new Uint8Array(FILE_BYTES).map((_, i) => (i * 2654435761) >>> 24);
  picture.set([0xff, 0xd8, 0xff]);
  picture.set([0xff, 0xd9], FILE_BYTES - 2);
  const paths = [];
  for (let i = 0; i < FILES; i++) {
    paths.push(join(dir, `${i}.jpg`));
    await writeFile(paths[i], picture);
  }

  let peakHeap = 0;
  let sentBytes = 0;
  const fetch = async (request) => {
    sentBytes += (await request.arrayBuffer()).byteLength;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    return new Response(null);
  };
  const client = createClient({ accessToken: "bench", baseUrl: "http://127.0.0.1:9", fetch });

  const baseHeap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const report = await client.uploadPictures(paths.map((image) => ({ image })));
  const seconds = (performance.now() - started) / 1000;

  const fileMiB = (FILES * FILE_BYTES) / MiB;
  print(`${FILES} files, ${fileMiB} MiB, ${report.uploaded} uploaded`);
  print(`request bodies: ${(sentBytes / MiB).toFixed(1)} MiB in ${seconds.toFixed(2)} s`);
  print(`throughput: ${(fileMiB / seconds).toFixed(0)} MiB/s of pictures`);
  print(
    `peak heap above start: ${((peakHeap - baseHeap) / MiB).toFixed(1)} MiB ` +
      `(all pictures as base64 at once would be ${(sentBytes / MiB).toFixed(0)} MiB)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
