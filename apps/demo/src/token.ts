import { UsageError } from "./usage-error.js";

export const TOKEN_VARIABLE = "ADULTWORK_ACCESS_TOKEN";

/** A placeholder the embedded mock accepts; it checks only that a bearer token is present. */
export const MOCK_TOKEN = "embedded-mock-token";

/**
 * Reads the access token from stdin (with --token-stdin) or the environment. Throws a
 * UsageError when there is none: a real target would refuse every request.
 */
export async function readToken(
  fromStdin: boolean,
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadableStream,
  targetLabel: string,
): Promise<string> {
  const token = fromStdin ? (await readAll(stdin)).trim() : env[TOKEN_VARIABLE]?.trim();
  if (token) return token;

  const source = fromStdin ? "stdin was empty" : `${TOKEN_VARIABLE} is not set`;
  throw new UsageError(
    `no access token for ${targetLabel} (${source}): set ${TOKEN_VARIABLE}, or pipe the ` +
      "token to --token-stdin. Leave out --target and --base-url to try the embedded mock.",
  );
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }

  return Buffer.concat(chunks).toString("utf8");
}
