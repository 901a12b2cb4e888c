import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { listOperations, SAMPLE_LANGUAGES } from "../scripts/inject-samples.mjs";
import { samplesDir } from "../scripts/paths.mjs";
import type { OpenApiDocument } from "../scripts/types.js";
import { readBuilt, readSpec } from "./support/built.js";

const spec = await readSpec();
const operations = listOperations(spec);

describe("the built page", async () => {
  const html = await readBuilt("page");

  it("names every operation and its scope", () => {
    expect(operations.length).toBeGreaterThanOrEqual(2);
    for (const { operation, path } of operations) {
      expect(html).toContain(operation.summary as string);
      expect(html).toContain(path);
    }
    expect(html).toContain("profile_gallery");
  });

  it("loads no script or stylesheet from another host", () => {
    expect(html).not.toMatch(/<script\b[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b[^>]*\bhref\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import\s+(url\()?\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\/(?!www\.w3\.org)/i);
  });

  it("forbids the browser every fetch from another host with a Content-Security-Policy", () => {
    const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];

    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("img-src data: blob:");
    expect(policy).not.toMatch(/https?:/);
  });
});

describe("the built OpenAPI document", async () => {
  const built: OpenApiDocument = JSON.parse(await readBuilt("openapi"));

  it.each(operations)("carries the sample files of $operationId as x-codeSamples", async (op) => {
    const [builtOperation] = listOperations(built).filter((o) => o.operationId === op.operationId);
    const files = SAMPLE_LANGUAGES.map((language) =>
      readFile(`${samplesDir}/${op.operationId}${language.extension}`, "utf8"),
    );
    const sources = (await Promise.all(files)).map((source) => source.trimEnd());

    expect(builtOperation?.operation["x-codeSamples"]?.map((sample) => sample.source)).toEqual(
      sources,
    );
    for (const source of sources) expect(builtOperation?.operation.description).toContain(source);
  });
});
