import createFetchClient from "openapi-fetch";
import type { paths } from "./generated/schema.js";

export const SANDBOX_URL = "https://api-sandbox.adultwork.com";

export interface ClientOptions {
  accessToken: string;
  baseUrl?: string;
}

/** A typed client for the AdultWork.com Pictures API (first cut). */
export function createClient(options: ClientOptions) {
  return createFetchClient<paths>({
    baseUrl: options.baseUrl ?? SANDBOX_URL,
    headers: { Authorization: `Bearer ${options.accessToken}` },
  });
}
