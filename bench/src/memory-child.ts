import { createClient } from "@adultwork-api/client";
import { type BenchPicture, rawBodies, sendRaw, TOKEN } from "./raw-upload.js";

// One upload in a fresh process: its peak RSS says nothing about earlier cases.
// Input: one JSON argument (MemoryCase); output: one JSON line (MemoryResult).

export interface MemoryCase {
  /** `client`: uploadPictures with file paths; `raw`: fetch with the bodies prebuilt. */
  sender: "client" | "raw";
  baseUrl: string;
  files: string[];
  sizes: number[];
  totalBytes: number;
  maxRequestBytes: number;
}

export interface MemoryResult {
  baselineBytes: number;
  peakBytes: number;
  uploaded: number;
  pictures: number;
}

// Start marker, an empty scan and the end marker: the smallest bytes the client takes.
const SMALLEST_JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]);

function picturesUpTo(input: MemoryCase): BenchPicture[] {
  const pictures: BenchPicture[] = [];
  for (let sum = 0; sum < input.totalBytes; ) {
    const which = pictures.length % input.files.length;
    sum += input.sizes[which] ?? 0;
    pictures.push({
      image: input.files[which] as string,
      description: `Bench picture ${pictures.length + 1}`,
    });
  }

  return pictures;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? "{}") as MemoryCase;
  const client = createClient({ accessToken: TOKEN, baseUrl: input.baseUrl });
  const pictures = picturesUpTo(input);
  const options = { maxRequestBytes: input.maxRequestBytes };
  const bodies =
    input.sender === "raw" ? await rawBodies(client, pictures, options.maxRequestBytes) : [];

  // The first request loads Node's HTTP client and compiles the upload path: costs
  // of the process, paid once, which the baseline should already hold.
  await client.uploadPictures([{ image: SMALLEST_JPEG, description: "warm-up" }]);

  const baselineBytes = process.memoryUsage.rss();
  const maxBeforeBytes = process.resourceUsage().maxRSS * 1024;
  let peakBytes = baselineBytes;
  const sampler = setInterval(() => {
    peakBytes = Math.max(peakBytes, process.memoryUsage.rss());
  }, 2);

  let uploaded = pictures.length;
  if (input.sender === "raw") await sendRaw(input.baseUrl, bodies);
  else uploaded = (await client.uploadPictures(pictures, options)).uploaded;

  clearInterval(sampler);
  // maxRSS (KiB) also catches a peak that fell between two samples, but it is the
  // process's peak: it speaks of the upload only if it rose during the upload.
  const maxAfterBytes = process.resourceUsage().maxRSS * 1024;
  if (maxAfterBytes > maxBeforeBytes) peakBytes = Math.max(peakBytes, maxAfterBytes);

  const result: MemoryResult = { baselineBytes, peakBytes, uploaded, pictures: pictures.length };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
