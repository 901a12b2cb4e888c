import type { PostmanCollection, PostmanRequest } from "../../scripts/types.js";

/**
 * A collection request as fetch would send it: `{{variables}}` filled from `variables`,
 * and the collection's bearer auth (which every request inherits) as a header.
 */
export function toFetchArgs(
  collection: PostmanCollection,
  request: PostmanRequest,
  variables: Record<string, string>,
): { url: string; init: RequestInit } {
  const fill = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
      const value = variables[name];
      if (value === undefined) throw new Error(`the collection uses ${whole}, which has no value`);
      return value;
    });

  const url =
    typeof request.url === "string"
      ? request.url
      : `${(request.url.host ?? []).join(".")}/${(request.url.path ?? []).join("/")}`;
  const headers = new Headers(
    (request.header ?? []).filter((header) => !header.disabled).map((h) => [h.key, fill(h.value)]),
  );
  const auth = collection.auth as { type: string; bearer?: { key: string; value: string }[] };
  const token = auth.bearer?.find((entry) => entry.key === "token")?.value;
  if (auth.type === "bearer" && token) headers.set("Authorization", `Bearer ${fill(token)}`);

  const body = request.body?.raw === undefined ? undefined : fill(request.body.raw);

  return { url: fill(url), init: { method: request.method, headers, body: body ?? null } };
}
