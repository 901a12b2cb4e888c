import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@adultwork-api/client";
import { runToEnd } from "../child-process.js";
import { binPath } from "../client-entries.js";
import type { Figure } from "../figure.js";
import { cycleTo } from "../pictures.js";
import { TOKEN } from "../raw-upload.js";
import { mebibytes, spreadOf } from "../stats.js";
import { perRound, takeTurns } from "../take-turns.js";

const MiB = 1024 * 1024;

export interface CliUploadSize {
  totalBytes: number;
  rounds: number;
}

/**
 * A folder of distinct files adding up to `totalBytes`: each a bench picture with a few
 * bytes after its end marker, so that no two share a hash and the uploader skips none.
 */
async function folderOfDistinct(distinct: readonly Uint8Array[], totalBytes: number) {
  const dir = await mkdtemp(join(tmpdir(), "adultwork-bench-cli-"));
  const order = cycleTo(
    distinct.map((bytes) => bytes.length),
    totalBytes,
  );
  const files = await Promise.all(
    order.map(async (which, index) => {
      const file = join(dir, "pictures", `picture-${index + 1}.jpg`);
      const tail = new TextEncoder().encode(`copy ${index + 1}`);
      await mkdir(join(dir, "pictures"), { recursive: true });
      await writeFile(file, Buffer.concat([distinct[which] as Uint8Array, tail]));
      return file;
    }),
  );

  return { dir, files, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The uploader command sending a folder, from process start to exit, against the client
 * sending the same files as paths in this warm process: what the command adds (start-up,
 * checks and hashes of every file, the journal written and synced around each request).
 */
export async function cliUpload(
  baseUrl: string,
  distinct: readonly Uint8Array[],
  size: CliUploadSize,
): Promise<Figure[]> {
  const cli = await binPath("@adultwork-api/demo", "add-free-pictures");
  const folder = await folderOfDistinct(distinct, size.totalBytes);
  const client = createClient({ accessToken: TOKEN, baseUrl });
  const pictures = folder.files.map((file) => ({ image: file }));
  let runs = 0;

  const contenders = {
    command: async () => {
      runs += 1;
      // A fresh journal each run, or the second run would find everything uploaded.
      const journal = join(folder.dir, `journal-${runs}.json`);
      const args = [cli, join(folder.dir, "pictures"), "--base-url", baseUrl, "--journal", journal];
      const env = { ...process.env, ADULTWORK_ACCESS_TOKEN: TOKEN };
      const { code, stderr } = await runToEnd(process.execPath, args, { env });
      if (code !== 0) throw new Error(`add-free-pictures exited with ${code}: ${stderr}`);
    },
    client: async () => {
      const report = await client.uploadPictures(pictures);
      if (report.uploaded !== pictures.length) {
        throw new Error(`the client uploaded ${report.uploaded} of ${pictures.length} pictures`);
      }
    },
  };

  try {
    const seconds = await takeTurns(contenders, size.rounds);
    const ratios = perRound(seconds.client, seconds.command);

    const total = mebibytes(size.totalBytes);
    const perSecond = (values: number[]) =>
      (size.totalBytes / MiB / spreadOf(values).median).toFixed(0);

    return [
      {
        name: `uploader ${total}: add-free-pictures`,
        against: "client.uploadPictures, same files, same round",
        unit: "x",
        spread: spreadOf(ratios),
        note:
          `${perSecond(seconds.command)} MiB/s vs ${perSecond(seconds.client)} MiB/s; ` +
          "a fresh process each run: start-up, checks, hashes and journal included",
      },
    ];
  } finally {
    await folder.remove();
  }
}
