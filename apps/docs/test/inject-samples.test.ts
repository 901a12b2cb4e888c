import { describe, expect, it } from "vitest";
import { withCodeSamples } from "../scripts/inject-samples.mjs";
import type { OpenApiDocument } from "../scripts/types.js";

const spec: OpenApiDocument = {
  paths: { "/v1/Things": { post: { operationId: "addThings", description: "Adds things." } } },
};

const bothSamples = new Map([
  ["addThings.ts", "await addThings();\n"],
  ["addThings.sh", "curl -X POST\n"],
]);

describe("withCodeSamples", () => {
  it("adds each sample as x-codeSamples and below the description", () => {
    const operation = withCodeSamples(spec, bothSamples).paths?.["/v1/Things"]?.post;

    expect(operation?.["x-codeSamples"]).toEqual([
      { lang: "TypeScript", label: "TypeScript", source: "await addThings();" },
      { lang: "Shell", label: "curl", source: "curl -X POST" },
    ]);
    expect(operation?.description).toMatch(/^Adds things\.\n\n\*\*Samples\*\*/);
    expect(operation?.description).toContain("```ts\nawait addThings();\n```");
  });

  it("leaves the input document as it was", () => {
    withCodeSamples(spec, bothSamples);

    expect(spec.paths?.["/v1/Things"]?.post?.["x-codeSamples"]).toBeUndefined();
  });

  it("fences a sample that holds backticks with a longer fence", () => {
    const samples = new Map([...bothSamples, ["addThings.ts", "const s = `a ``` b`;\n"]]);
    const description = withCodeSamples(spec, samples).paths?.["/v1/Things"]?.post?.description;

    expect(description).toContain("````ts\nconst s = `a ``` b`;\n````");
  });

  it("refuses an operation without a sample in every language", () => {
    const samples = new Map([["addThings.ts", "await addThings();"]]);

    expect(() => withCodeSamples(spec, samples)).toThrow("samples/addThings.sh is missing");
  });

  it("refuses a sample that belongs to no operation", () => {
    const samples = new Map([...bothSamples, ["addThing.ts", "typo"]]);

    expect(() => withCodeSamples(spec, samples)).toThrow("samples/addThing.ts: no operation");
  });
});
