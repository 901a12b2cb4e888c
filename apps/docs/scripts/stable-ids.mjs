import { createHash } from "node:crypto";

/**
 * Replaces every `id` and `_postman_id` in a Postman collection with one derived from where it sits and
 * what it is named. The converter draws random ids, so each build would differ from the
 * last with nothing changed; derived ids make the same spec give the same bytes.
 * @param {unknown} node
 * @param {string} [where]
 */
export function giveStableIds(node, where = "collection") {
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) giveStableIds(child, `${where}/${index}`);
    return;
  }
  if (node === null || typeof node !== "object") return;

  const record = /** @type {Record<string, unknown>} */ (node);
  const place = typeof record.name === "string" ? `${where}(${record.name})` : where;
  for (const key of ["id", "_postman_id"]) {
    if (typeof record[key] === "string") record[key] = uuidFrom(`${place}#${key}`);
  }

  for (const [key, child] of Object.entries(record)) giveStableIds(child, `${place}/${key}`);
}

/**
 * A UUID shaped like version 5 (name-based, SHA-1 style bits) from a SHA-256 of `text`.
 * @param {string} text
 */
export function uuidFrom(text) {
  const hex = createHash("sha256").update(text).digest("hex");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);

  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}
