import { LIVE_URL, SANDBOX_URL } from "@adultwork-api/client";
import type { CliOptions } from "./args.js";
import { UsageError } from "./usage-error.js";

/** Where the pictures go. `key` names the target in the journal. */
export type Target =
  | { kind: "mock"; key: "embedded-mock"; label: string }
  | { kind: "remote"; key: string; label: string; baseUrl: string };

export function resolveTarget(options: Pick<CliOptions, "target" | "baseUrl">): Target {
  if (options.baseUrl !== undefined) return remote(readBaseUrl(options.baseUrl), undefined);
  if (options.target === "sandbox") return remote(SANDBOX_URL, "the sandbox");
  if (options.target === "live") return remote(LIVE_URL, "the live site");

  return { kind: "mock", key: "embedded-mock", label: "the embedded mock" };
}

function remote(baseUrl: string, name: string | undefined): Target {
  return { kind: "remote", key: baseUrl, label: name ?? baseUrl, baseUrl };
}

/**
 * Checks the URL before anything is read or sent. Plain http is allowed only to this
 * machine: elsewhere it would carry the token in clear text.
 */
function readBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--base-url ${JSON.stringify(text)} is not a URL: pass one such as ` +
        "https://api-sandbox.adultwork.com.",
    );
  }

  if (url.username || url.password || url.search || url.hash) {
    throw new UsageError(
      "--base-url must be a plain URL with no user name, password, query or fragment.",
    );
  }

  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new UsageError(
      `--base-url ${url.origin} uses plain http to another machine, which would send the ` +
        "access token in clear text: use https:// (plain http is allowed only to loopback " +
        "addresses: 127.0.0.0/8, ::1 and localhost).",
    );
  }

  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UsageError(`--base-url ${text} is not an http(s) URL: use https://.`);
  }

  return url.href.replace(/\/+$/, "");
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();

  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
