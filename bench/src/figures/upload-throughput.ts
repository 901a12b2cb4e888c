import { createClient } from "@adultwork-api/client";
import type { Figure } from "../figure.js";
import { cycleTo } from "../pictures.js";
import { rawBodies, sendRaw, TOKEN } from "../raw-upload.js";
import { mebibytes, spreadOf } from "../stats.js";
import { perRound, takeTurns } from "../take-turns.js";

const MiB = 1024 * 1024;

export interface UploadPicture {
  image: Uint8Array;
  description: string;
  name: string;
}

/** The distinct pictures, reused in turn until they add up to `totalBytes`. */
export function uploadInput(distinct: readonly Uint8Array[], totalBytes: number): UploadPicture[] {
  const order = cycleTo(
    distinct.map((bytes) => bytes.length),
    totalBytes,
  );

  return order.map((which, index) => ({
    image: distinct[which] as Uint8Array,
    description: `Bench picture ${index + 1}`,
    name: `bench-${which + 1}.jpg`,
  }));
}

export interface UploadThroughputSize {
  totalBytes: number;
  rounds: number;
  maxRequestBytes: number;
}

/**
 * The client's whole upload (encode, batch, send) against raw fetch sending
 * the same batches as JSON bodies built before the clock starts.
 */
export async function uploadThroughput(
  baseUrl: string,
  distinct: readonly Uint8Array[],
  size: UploadThroughputSize,
): Promise<Figure[]> {
  const pictures = uploadInput(distinct, size.totalBytes);
  const jpegBytes = pictures.reduce((sum, picture) => sum + picture.image.length, 0);
  const client = createClient({ accessToken: TOKEN, baseUrl });
  const bodies = await rawBodies(client, pictures, size.maxRequestBytes);
  const options = { maxRequestBytes: size.maxRequestBytes };

  const contenders = {
    raw: () => sendRaw(baseUrl, bodies),
    client: async () => {
      const report = await client.uploadPictures(pictures, options);
      if (report.uploaded !== pictures.length) {
        throw new Error(`the client uploaded ${report.uploaded} of ${pictures.length} pictures`);
      }
    },
  };

  const seconds = await takeTurns(contenders, size.rounds);
  const ratios = perRound(seconds.raw, seconds.client);

  const megabytesPerSecond = (values: number[]) => spreadOf(values.map((s) => jpegBytes / MiB / s));
  const total = mebibytes(jpegBytes);

  return [
    {
      name: `upload ${total}: raw fetch`,
      against: "-",
      unit: "MiB/s",
      spread: megabytesPerSecond(seconds.raw),
      note: `${bodies.length} request bodies, built before timing`,
    },
    {
      name: `upload ${total}: client.uploadPictures`,
      against: "raw fetch, same round",
      unit: "x",
      spread: spreadOf(ratios),
      goal: { text: ">= 0.85x", pass: (median) => median >= 0.85 },
      note: `${megabytesPerSecond(seconds.client).median.toFixed(0)} MiB/s of JPEG`,
    },
  ];
}
