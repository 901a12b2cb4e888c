import { type AdultWorkClient, type ClientOptions, createClientFor } from "./create-client.js";
import { writeBase64 } from "./node/base64.js";
import { sendOverNodeHttp } from "./node/http-transport.js";
import { notConnected } from "./node/not-connected.js";
import { openFile } from "./node/read-file.js";

export * from "./index.js";
/** Encodes bytes as standard base64 with padding, through Node's Buffer. */
export { encodeBase64 } from "./node/base64.js";
/** The Node entry's own transport, to wrap (for logging, say) and pass back as `fetch`. */
export { sendOverNodeHttp } from "./node/http-transport.js";

/**
 * Creates a client for the AdultWork.com Pictures API. This Node entry also
 * takes pictures as file paths, read lazily batch by batch, and sends through
 * node:http and node:https unless a `fetch` option is given.
 */
export function createClient(options: ClientOptions): AdultWorkClient {
  return createClientFor(options, { writeBase64, openFile, fetch: sendOverNodeHttp, notConnected });
}
