import {
  createClient,
  InsecureTransportError,
  LIVE_URL,
  OptionError,
  SANDBOX_URL,
} from "@adultwork-api/client";
import type { CliOptions, TargetName } from "./args.js";
import { GIVE_THE_TOKEN, inCliWords, type ServerSource } from "./client-wording.js";
import { MOCK_TOKEN } from "./token.js";
import { UsageError } from "./usage-error.js";

/** Where the pictures go. `key` names the target in the journal. */
export type Target =
  | { kind: "mock"; key: "embedded-mock"; label: string }
  | { kind: "remote"; key: string; label: string; baseUrl: string; source: ServerSource };

export function resolveTarget(options: Pick<CliOptions, "target" | "baseUrl">): Target {
  if (options.baseUrl !== undefined) {
    const baseUrl = checkWithClient(options.baseUrl);
    return {
      kind: "remote",
      key: baseUrl,
      label: baseUrl,
      baseUrl,
      source: { option: "--base-url" },
    };
  }
  if (options.target === "sandbox") return named(SANDBOX_URL, "sandbox", "the sandbox");
  if (options.target === "live") return named(LIVE_URL, "live", "the live site");

  return { kind: "mock", key: "embedded-mock", label: "the embedded mock" };
}

function named(baseUrl: string, name: TargetName, label: string): Target {
  return {
    kind: "remote",
    key: baseUrl,
    label,
    baseUrl,
    source: { option: "--target", name, label },
  };
}

/**
 * Checks --base-url as the client will, before anything is read or sent, and returns it
 * as the client keeps it. The client allows plain http only to this machine: elsewhere it
 * would carry the token in clear text. Common slips get their own fix first.
 */
function checkWithClient(text: string): string {
  const shown = JSON.stringify(withoutCredentials(text));
  const slip = commonSlip(text);
  if (slip) throw new UsageError(`--base-url ${shown} ${slip}.`);

  try {
    return createClient({ accessToken: MOCK_TOKEN, baseUrl: text }).baseUrl;
  } catch (error) {
    if (!(error instanceof OptionError || error instanceof InsecureTransportError)) throw error;

    const reason = inCliWords(error.message.replace(/^baseUrl\b/, "the URL"), {
      option: "--base-url",
    });
    throw new UsageError(`--base-url ${shown} cannot be used: ${reason.replace(/\.$/, "")}.`);
  }
}

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])(:|\/|$)/i;

/** What is wrong with a URL written the way people often slip, and the likely fix. */
function commonSlip(text: string): string | undefined {
  const trimmed = text.trim();
  const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(trimmed)?.[1];

  if (scheme === undefined) {
    // `localhost:4010` parses as a URL whose scheme is "localhost", so it is caught here.
    if (/^[\w.-]+(:\d+)?(\/|$)/.test(trimmed) || LOOPBACK.test(trimmed)) {
      const fix = LOOPBACK.test(trimmed) ? `http://${trimmed}` : `https://${trimmed}`;
      return `has no scheme: write it as ${JSON.stringify(fix)}`;
    }
    return undefined;
  }

  const rest = trimmed.slice(scheme.length + 3);
  if (!/^https?$/i.test(scheme)) {
    const fix = LOOPBACK.test(rest) ? `http://${rest}` : `https://${rest}`;
    return `starts with ${scheme}://, not https:// or http://: write it as ${JSON.stringify(fix)}`;
  }

  const port = /^[^/?#]*:(\d+)(?:[/?#]|$)/.exec(rest.replace(/^[^/?#@]*@/, ""))?.[1];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) {
    return `has port ${port}, which is out of range: a port is from 1 to 65535`;
  }

  const host = rest.replace(/^[^/?#@]*@/, "").split(/[/?#]/)[0] as string;
  if (host.endsWith(":")) {
    return "has a colon but no port after it: add the port, such as :4010, or drop the colon";
  }
  if (!URL.canParse(trimmed)) {
    return "is not a valid URL: check its host and port (digits only), such as http://127.0.0.1:4010";
  }

  if (/^[^/?#]*@/.test(rest)) {
    return `holds a user name or password, which the token must not travel with: remove them, and ${GIVE_THE_TOKEN}`;
  }
  return undefined;
}

// A password in the URL is a secret too: messages show where it stood, not what it was.
function withoutCredentials(text: string): string {
  return text.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#@]*@/i, "$1[REDACTED]@");
}
