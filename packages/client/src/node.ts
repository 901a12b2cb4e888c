import { type AdultWorkClient, type ClientOptions, createClientFor } from "./create-client.js";
import { encodeWithBuffer, openFile } from "./node/read-file.js";

export * from "./index.js";

/**
 * Creates a client for the AdultWork.com Pictures API. This Node entry also
 * takes pictures as file paths, read lazily batch by batch.
 */
export function createClient(options: ClientOptions): AdultWorkClient {
  return createClientFor(options, { encode: encodeWithBuffer, openFile });
}
