import converter from "openapi-to-postmanv2";
import { giveStableIds } from "./stable-ids.mjs";

/** @typedef {import("./types.js").OpenApiDocument} OpenApiDocument */
/** @typedef {import("./types.js").PostmanCollection} PostmanCollection */
/** @typedef {import("./types.js").PostmanItem} PostmanItem */
/** @typedef {import("./types.js").PostmanRequest} PostmanRequest */

/** Where the collection sends requests until the reader changes `baseUrl`: `pnpm mock`. */
export const LOCAL_MOCK_URL = "http://127.0.0.1:4010";

/** @type {import("openapi-to-postmanv2").Options} */
const CONVERSION = {
  // Without this the converter invents Image strings that are not base64 (v2 API only).
  parametersResolution: "Example",
  folderStrategy: "Tags",
  requestNameSource: "Fallback",
  alwaysInheritAuthentication: true,
  includeAuthInfoInExample: false,
};

/**
 * Converts an OpenAPI document into a Postman v2.1 collection whose requests carry the
 * request examples as bodies, a bearer token from `{{accessToken}}` and `{{baseUrl}}`.
 * @param {OpenApiDocument} document
 * @returns {Promise<PostmanCollection>}
 */
export async function buildPostmanCollection(document) {
  const collection = await convert(document);

  // The converter writes `auth: null`, which Postman may read as "no auth": inherit instead.
  for (const request of listRequests(collection.item)) delete request.auth;

  const servers = (document.servers ?? []).map((server) => server.url).join(", ");
  collection.auth = {
    type: "bearer",
    bearer: [{ key: "token", value: "{{accessToken}}", type: "string" }],
  };
  collection.variable = [
    {
      key: "baseUrl",
      value: LOCAL_MOCK_URL,
      type: "string",
      description: `The local mock (pnpm mock). The provider's servers: ${servers}.`,
    },
    {
      key: "accessToken",
      value: "mock-token",
      type: "string",
      description: "The user's OAuth access token. The mock takes any; put a real one here.",
    },
  ];
  giveStableIds(collection);

  return collection;
}

/**
 * Every request in a collection's item tree, folders walked.
 * @param {PostmanItem[]} items
 * @returns {PostmanRequest[]}
 */
export function listRequests(items) {
  return items.flatMap((item) => {
    if (item.item) return listRequests(item.item);

    return item.request ? [item.request] : [];
  });
}

/**
 * @param {OpenApiDocument} document
 * @returns {Promise<PostmanCollection>}
 */
function convert(document) {
  return new Promise((resolve, reject) => {
    converter.convertV2({ type: "json", data: document }, CONVERSION, (error, result) => {
      if (error) return reject(error);

      const collection = result?.output?.[0]?.data;
      if (!result?.result || !collection) {
        return reject(new Error(`openapi-to-postmanv2 could not convert: ${result?.reason}`));
      }

      resolve(/** @type {PostmanCollection} */ (/** @type {unknown} */ (collection)));
    });
  });
}
