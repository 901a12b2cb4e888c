import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningMock, startMock } from "@adultwork-api/mock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeJpeg } from "./helpers/jpeg.js";

const root = join(import.meta.dirname, "..");
const workDir = join(root, "test-output/readme");

/** The ```ts blocks of the README, in order. */
async function readmeBlocks(): Promise<string[]> {
  const readme = await readFile(join(root, "README.md"), "utf8");

  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

let mock: RunningMock;
const startedIn = process.cwd();

beforeAll(async () => {
  mock = await startMock({ record: true });
  await rm(workDir, { recursive: true, force: true });
  await mkdir(join(workDir, "photos"), { recursive: true });
  for (const [i, name] of ["beach", "garden", "pool"].entries()) {
    await writeFile(join(workDir, "photos", `${name}.jpg`), makeJpeg(16, 16, i + 1));
  }
  // The blocks use relative paths such as photos/beach.jpg, as a reader would.
  process.chdir(workDir);
});

afterAll(async () => {
  process.chdir(startedIn);
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await mock?.close();
});

describe("README", () => {
  it("points every client at ADULTWORK_BASE_URL, so no block can reach the real API", async () => {
    const blocks = await readmeBlocks();

    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks.filter((b) => b.includes("createClient("))) {
      expect(block).toContain("baseUrl: process.env.ADULTWORK_BASE_URL");
      expect(block).toContain("accessToken: process.env.ADULTWORK_ACCESS_TOKEN");
    }
  });

  it("names the environment variables the rest of the repository uses", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");

    expect(new Set(readme.match(/ADULTWORK_\w+/g))).toEqual(
      new Set(["ADULTWORK_ACCESS_TOKEN", "ADULTWORK_BASE_URL"]),
    );
  });

  it("leaves speed and memory figures to BENCHMARKS.md", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");

    expect(readme).toContain("(../../BENCHMARKS.md)");
    expect(readme).not.toMatch(/MiB\/s|heap/);
  });

  it("runs its code blocks, in order, against the mock", async () => {
    vi.stubEnv("ADULTWORK_BASE_URL", mock.url);
    vi.stubEnv("ADULTWORK_ACCESS_TOKEN", "readme-test-token");
    const logged: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      logged.push(
        args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "),
      );
    });
    const script = join(workDir, "readme-blocks.ts");
    await writeFile(script, (await readmeBlocks()).join("\n"));

    await import(script);

    expect(logged).toEqual([
      "2 uploaded, 0 failed, 0 unknown",
      "for the member: 1 uploaded",
      "0/3",
      "2/3",
      "3/3",
      "sending 0,1 | 0 uploaded | 1 uploaded | sending 2 | 2 uploaded",
      "[[0,1],[2]]",
      "true",
      '["uploaded","failed","failed"]',
      "not-jpeg",
      expect.stringMatching(
        /^The picture at index 0 \(logo\.png\) is not a JPEG \(it starts like a PNG\)/,
      ),
      "logo.png not-jpeg",
      "blank.jpg empty",
      "is not a JPEG (it starts like a PNG)",
      "added: HTTP 200",
    ]);
    const own = "/v1/Pictures/AddFreePictures";
    expect(mock.received.map((r) => r.path)).toEqual([
      own,
      own,
      "/v1/Groups/Pictures/AddFreePictures",
      ...Array(7).fill(own),
    ]);
    expect(JSON.parse(mock.received[2]?.body ?? "{}").UserID).toBe(123456);
  });
});
