import { createClient, OptionError } from "@adultwork-api/client";
import { UsageError } from "./usage-error.js";

export const TOKEN_VARIABLE = "ADULTWORK_ACCESS_TOKEN";

/** A placeholder the embedded mock accepts; it checks only that a bearer token is present. */
export const MOCK_TOKEN = "embedded-mock-token";

/**
 * Reads the access token from stdin (with --token-stdin) or the environment, and checks
 * it as the client will. Every refusal names where the token came from and never quotes it.
 */
export async function readToken(
  fromStdin: boolean,
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadableStream,
  targetLabel: string,
): Promise<string> {
  if (fromStdin && (stdin as { isTTY?: boolean }).isTTY) {
    // Typed at a terminal, the token would show on screen with no prompt to say why.
    throw new UsageError(
      `--token-stdin reads a piped token, and stdin is a terminal: pipe the token in ` +
        `(printf '%s' "$${TOKEN_VARIABLE}" | add-free-pictures --token-stdin ...) or set ` +
        `${TOKEN_VARIABLE} instead.`,
    );
  }
  const raw = fromStdin ? await readAll(stdin) : env[TOKEN_VARIABLE];
  const source = fromStdin ? "stdin (--token-stdin)" : TOKEN_VARIABLE;
  const token = raw?.trim();

  if (!token) {
    const why = fromStdin
      ? "stdin was empty or blank"
      : raw === undefined
        ? `${TOKEN_VARIABLE} is not set`
        : `${TOKEN_VARIABLE} is blank`;
    throw new UsageError(
      `no access token for ${targetLabel} (${why}): set ${TOKEN_VARIABLE}, or pipe the ` +
        "token to --token-stdin. Leave out --target and --base-url to try the embedded mock.",
    );
  }

  // Refused rather than stripped: a value pasted from a header may hold more than the token.
  if (/^bearer\s/i.test(token)) {
    throw new UsageError(
      `the access token in ${source} starts with "Bearer ": drop that prefix and give the ` +
        'token alone (the tool adds "Bearer " to each request itself).',
    );
  }

  checkWithClient(token, source);
  return token;
}

/** The client checks the token's shape when it is created; this names the source as well. */
function checkWithClient(token: string, source: string): void {
  try {
    createClient({ accessToken: token, baseUrl: "http://127.0.0.1" });
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;

    // The client's reason, without its fix, which names its own option: this one names
    // where the token came from.
    const problem = error.message.split(": pass ")[0]?.replace(/^accessToken /, "it ");
    throw new UsageError(
      `the access token in ${source} cannot be used: ${problem?.replace(/\.$/, "")}: put ` +
        `the access_token the provider's OAuth sign-in returned, alone, in ${source}.`,
    );
  }
}

// An access token is a few hundred characters; far more means something else was piped.
const MAX_STDIN_BYTES = 64 * 1024;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    total += chunks.at(-1)?.length ?? 0;
    if (total > MAX_STDIN_BYTES) {
      throw new UsageError(
        "--token-stdin read more than 64 KiB from stdin, far more than an access token: " +
          "pipe the token alone.",
      );
    }
  }

  return Buffer.concat(chunks).toString("utf8");
}
