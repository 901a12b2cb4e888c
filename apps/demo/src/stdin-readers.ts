import { fstatSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { CliOptions } from "./args.js";
import { TOKEN_VARIABLE } from "./token.js";
import { UsageError } from "./usage-error.js";

const STDIN_NAMES = ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"];

/**
 * Stdin can be read once. With --token-stdin it holds the token, so a captions file that
 * is stdin too would hand its first line to one reader and nothing to the other.
 */
export function refuseTwoStdinReaders(
  options: Pick<CliOptions, "captionsPath" | "tokenStdin">,
  cwd: string,
): void {
  const { captionsPath } = options;
  if (!options.tokenStdin || captionsPath === undefined) return;
  if (!isStdin(resolve(cwd, captionsPath))) return;

  throw new UsageError(
    `--captions ${captionsPath} and --token-stdin both read stdin, and only one of them ` +
      "can: save the captions to a file and pass its path to --captions, or set " +
      `${TOKEN_VARIABLE} instead of passing --token-stdin.`,
  );
}

/** True when `path` is stdin by name, or is the very file, pipe or device stdin is. */
function isStdin(path: string): boolean {
  if (STDIN_NAMES.includes(path)) return true;

  try {
    const input = fstatSync(0);
    const file = statSync(path);

    return input.dev === file.dev && input.ino === file.ino;
  } catch {
    return false;
  }
}
