import { type AdultWorkClient, type ClientOptions, createClientFor } from "./create-client.js";
import { writeBase64 } from "./node/base64.js";
import { openFile } from "./node/read-file.js";
import { fetchBytesUncopied } from "./node/send-bytes.js";

export * from "./index.js";
/** Encodes bytes as standard base64 with padding, through Node's Buffer. */
export { encodeBase64 } from "./node/base64.js";

/**
 * Creates a client for the AdultWork.com Pictures API. This Node entry also
 * takes pictures as file paths, read lazily batch by batch.
 */
export function createClient(options: ClientOptions): AdultWorkClient {
  return createClientFor(options, { writeBase64, openFile, fetch: fetchBytesUncopied });
}
