import { appendToDescription, listOperations } from "./inject-samples.mjs";

/** @typedef {import("./types.js").OpenApiDocument} OpenApiDocument */

/**
 * Returns a copy of `document` where each operation's description ends with a list of its
 * answers, status and meaning. Redoc shows one answer's meaning at a time; this shows all.
 * @param {OpenApiDocument} document
 * @returns {OpenApiDocument}
 */
export function withAnswerList(document) {
  const copy = structuredClone(document);

  for (const { operation } of listOperations(copy)) {
    const responses = /** @type {Record<string, { $ref?: string, description?: string }>} */ (
      operation.responses ?? {}
    );
    const lines = Object.entries(responses).map(([status, response]) => {
      const { description } = response.$ref ? resolveRef(copy, response.$ref) : response;

      return `- \`${status}\`: ${description ?? "not described"}`;
    });
    if (lines.length === 0) continue;

    appendToDescription(operation, `**Answers**\n\n${lines.join("\n")}`);
  }

  return copy;
}

/**
 * Follows a local reference such as `#/components/responses/BadRequest`.
 * @param {OpenApiDocument} document
 * @param {string} ref
 * @returns {{ description?: string }}
 */
function resolveRef(document, ref) {
  if (!ref.startsWith("#/")) throw new Error(`${ref} is not a local reference: bundle first`);

  const target = ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce(
      (node, key) => /** @type {Record<string, unknown>} */ (node)?.[key],
      /** @type {unknown} */ (document),
    );
  if (!target) throw new Error(`${ref} points at nothing in the bundle`);

  return /** @type {{ description?: string }} */ (target);
}
