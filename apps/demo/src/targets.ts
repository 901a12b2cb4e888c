import {
  createClient,
  InsecureTransportError,
  LIVE_URL,
  OptionError,
  SANDBOX_URL,
} from "@adultwork-api/client";
import type { CliOptions } from "./args.js";
import { MOCK_TOKEN } from "./token.js";
import { UsageError } from "./usage-error.js";

/** Where the pictures go. `key` names the target in the journal. */
export type Target =
  | { kind: "mock"; key: "embedded-mock"; label: string }
  | { kind: "remote"; key: string; label: string; baseUrl: string };

export function resolveTarget(options: Pick<CliOptions, "target" | "baseUrl">): Target {
  if (options.baseUrl !== undefined) return remote(checkWithClient(options.baseUrl), undefined);
  if (options.target === "sandbox") return remote(SANDBOX_URL, "the sandbox");
  if (options.target === "live") return remote(LIVE_URL, "the live site");

  return { kind: "mock", key: "embedded-mock", label: "the embedded mock" };
}

function remote(baseUrl: string, name: string | undefined): Target {
  return { kind: "remote", key: baseUrl, label: name ?? baseUrl, baseUrl };
}

/**
 * Checks --base-url as the client will, before anything is read or sent, and returns it
 * as the client keeps it. The client allows plain http only to this machine: elsewhere it
 * would carry the token in clear text.
 */
function checkWithClient(text: string): string {
  try {
    return createClient({ accessToken: MOCK_TOKEN, baseUrl: text }).baseUrl;
  } catch (error) {
    if (!(error instanceof OptionError || error instanceof InsecureTransportError)) throw error;

    const reason = error.message.replace(/\bbaseUrl\b/g, "the URL").replace(/\.$/, "");
    throw new UsageError(`--base-url ${JSON.stringify(text)} cannot be used: ${reason}.`);
  }
}
