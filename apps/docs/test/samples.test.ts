import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type RunningMock, startMock } from "@adultwork-api/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOperations } from "../scripts/inject-samples.mjs";
import { docsRoot, samplesDir } from "../scripts/paths.mjs";
import { readSpec, requestExamples } from "./support/built.js";

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiledDir = `${docsRoot}test-output/compiled-samples`;

const spec = await readSpec();
const operations = listOperations(spec);

// The samples upload beach.jpg and sunset.jpg: here, the spec's own example pictures.
const firstExample = requestExamples(spec).values().next().value as {
  Pictures: { Image: string }[];
};
const pictures = {
  "beach.jpg": firstExample.Pictures[0]?.Image ?? "",
  "sunset.jpg": firstExample.Pictures[1]?.Image ?? "",
};

let mock: RunningMock;
let workDir: string;

beforeAll(async () => {
  await compileSamples();

  mock = await startMock({ record: true });
  expect(new URL(mock.url).hostname).toBe("127.0.0.1");

  workDir = await mkdtemp(join(tmpdir(), "adultwork-docs-samples-"));
  for (const [name, base64] of Object.entries(pictures)) {
    await writeFile(join(workDir, name), Buffer.from(base64, "base64"));
  }
});

afterAll(async () => {
  await mock?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe.each(operations)("the samples of $operationId", ({ operationId, path }) => {
  it("run the TypeScript sample against the mock", async () => {
    const sent = await recordedDuring(() =>
      run(process.execPath, [`${compiledDir}/${operationId}.js`], sampleOptions()),
    );

    expect(sent.output.stdout).toBe("beach.jpg: uploaded\nsunset.jpg: uploaded\n");
    expectPicturesPosted(sent.requests, path);
  });

  it("run the curl sample against the mock", async () => {
    const sent = await recordedDuring(() =>
      run("bash", [`${samplesDir}/${operationId}.sh`], sampleOptions()),
    );

    expect(sent.output.stdout).toBe("HTTP 200\n");
    expectPicturesPosted(sent.requests, path);
  });
});

// A type error fails here too, not only in `typecheck`: a client change that breaks a
// sample breaks this test run.
async function compileSamples() {
  try {
    await run(process.execPath, [tsc, "-p", `${docsRoot}tsconfig.samples.json`]);
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `The samples do not compile against @adultwork-api/client:\n${stdout}${stderr}`,
    );
  }
}

// Only what the samples read, so no proxy, curlrc or real token leaks in.
function sampleOptions() {
  return {
    cwd: workDir,
    env: {
      PATH: process.env.PATH,
      HOME: workDir,
      ADULTWORK_BASE_URL: mock.url,
      ADULTWORK_ACCESS_TOKEN: "docs-sample-token",
    },
  };
}

async function recordedDuring<T>(action: () => Promise<T>) {
  const before = mock.received.length;
  const output = await action();

  return { output, requests: mock.received.slice(before) };
}

function expectPicturesPosted(requests: RunningMock["received"], path: string) {
  expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([`POST ${path}`]);

  const [request] = requests;
  expect(request?.headers.authorization).toBeDefined();
  expect(JSON.stringify(request?.headers)).not.toContain("docs-sample-token");

  const body = JSON.parse(request?.body ?? "{}");
  expect(body.Pictures).toEqual([
    { Description: "My free image", Image: pictures["beach.jpg"] },
    { Description: "My free image 2", Image: pictures["sunset.jpg"] },
  ]);
  if (path.includes("/Groups/")) expect(body.UserID).toBe(123456);
}
