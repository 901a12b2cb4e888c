import { readdir, readFile } from "node:fs/promises";
import { extname } from "node:path";

/** @typedef {import("./types.js").OpenApiDocument} OpenApiDocument */
/** @typedef {import("./types.js").Operation} Operation */

/**
 * The languages every operation has a sample in, keyed by file extension, in the order
 * readers see them. `lang` and `label` are what Redoc matches in `x-codeSamples`.
 */
export const SAMPLE_LANGUAGES = [
  { extension: ".ts", lang: "TypeScript", label: "TypeScript", fence: "ts" },
  { extension: ".sh", lang: "Shell", label: "curl", fence: "sh" },
];

/** @typedef {(typeof SAMPLE_LANGUAGES)[number]} SampleLanguage */

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Every operation of an OpenAPI document, with its operationId, method and path.
 * @param {OpenApiDocument} document
 * @returns {{ operationId: string, method: string, path: string, operation: Operation }[]}
 */
export function listOperations(document) {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      if (!operation.operationId) {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId: give it one`);
      }

      return [{ operationId: operation.operationId, method, path, operation }];
    }),
  );
}

/**
 * Reads the sample files, `<operationId><extension>`, into a map from file name to source.
 * @param {string} samplesDir
 * @returns {Promise<Map<string, string>>}
 */
export async function readSamples(samplesDir) {
  const known = new Set(SAMPLE_LANGUAGES.map((language) => language.extension));
  const names = (await readdir(samplesDir)).filter((name) => known.has(extname(name)));
  const sources = await Promise.all(names.map((name) => readFile(`${samplesDir}/${name}`, "utf8")));

  return new Map(names.map((name, index) => [name, sources[index] ?? ""]));
}

/**
 * Returns a copy of `document` where each operation carries its samples twice: as
 * `x-codeSamples` (for tools and Redoc's sample panel) and at the end of its description
 * (so a reader sees every sample without choosing a language first).
 * @param {OpenApiDocument} document
 * @param {Map<string, string>} samples file name -> source
 * @returns {OpenApiDocument}
 */
export function withCodeSamples(document, samples) {
  const copy = structuredClone(document);
  const unused = new Set(samples.keys());

  for (const { operationId, operation } of listOperations(copy)) {
    const picked = SAMPLE_LANGUAGES.map((language) => {
      const file = `${operationId}${language.extension}`;
      const source = samples.get(file);
      if (source === undefined) {
        const extensions = SAMPLE_LANGUAGES.map((each) => each.extension).join(", ");
        throw new Error(`samples/${file} is missing: each operation needs one per ${extensions}`);
      }
      unused.delete(file);

      return { language, source: source.trimEnd() };
    });

    operation["x-codeSamples"] = picked.map(({ language, source }) => ({
      lang: language.lang,
      label: language.label,
      source,
    }));
    appendToDescription(operation, describeSamples(picked));
  }

  if (unused.size > 0) {
    const files = [...unused].map((file) => `samples/${file}`).join(", ");
    throw new Error(`${files}: no operation has this operationId; rename or delete the file`);
  }

  return copy;
}

/**
 * Adds a paragraph of markdown at the end of an operation's description.
 * @param {Operation} operation
 * @param {string} markdown
 */
export function appendToDescription(operation, markdown) {
  operation.description = `${(operation.description ?? "").trimEnd()}\n\n${markdown}`;
}

/** @param {{ language: SampleLanguage, source: string }[]} picked */
function describeSamples(picked) {
  const blocks = picked.map(({ language, source }) => {
    const fence = "`".repeat(Math.max(3, longestBacktickRun(source) + 1));

    return `${language.label}:\n\n${fence}${language.fence}\n${source}\n${fence}`;
  });

  return ["**Samples** (tested against the local mock)", ...blocks].join("\n\n");
}

/** @param {string} text */
function longestBacktickRun(text) {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
