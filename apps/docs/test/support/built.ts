import { readFile } from "node:fs/promises";
import { outFiles, specBundlePath } from "../../scripts/paths.mjs";
import type { OpenApiDocument } from "../../scripts/types.js";

/** What `pnpm turbo run build` wrote; turbo runs the build before these tests. */
export async function readBuilt(file: keyof typeof outFiles): Promise<string> {
  try {
    return await readFile(outFiles[file], "utf8");
  } catch (cause) {
    const fix = "build the docs first (pnpm run docs, or turbo run build)";
    throw new Error(`${outFiles[file]} is missing: ${fix}`, { cause });
  }
}

/** The spec bundle the docs were built from, without the samples. */
export async function readSpec(): Promise<OpenApiDocument> {
  return JSON.parse(await readFile(specBundlePath, "utf8"));
}

type Example = { value?: unknown; $ref?: string };
type RequestBody = { content?: Record<string, { examples?: Record<string, Example> }> };

/** The first named request example of each operation, by operationId, `$ref`s followed. */
export function requestExamples(spec: OpenApiDocument): Map<string, unknown> {
  const examples = new Map<string, unknown>();
  for (const item of Object.values(spec.paths ?? {})) {
    for (const operation of Object.values(item)) {
      const body = operation.requestBody as RequestBody | undefined;
      const first = Object.values(body?.content?.["application/json"]?.examples ?? {})[0];
      const example = first?.$ref ? (resolvePointer(spec, first.$ref) as Example) : first;
      if (operation.operationId && example) examples.set(operation.operationId, example.value);
    }
  }

  return examples;
}

/** Follows a local `#/a/b` reference. */
function resolvePointer(document: unknown, ref: string): unknown {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], document);
}
