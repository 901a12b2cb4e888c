import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/add-free-pictures.js", import.meta.url));
const DENY_NETWORK = fileURLToPath(new URL("./deny-network.mjs", import.meta.url));
const FAKE_TTY = fileURLToPath(new URL("./fake-tty.mjs", import.meta.url));
const FAKE_TTY_STDIN = fileURLToPath(new URL("./fake-tty-stdin.mjs", import.meta.url));
const STUCK_READ = fileURLToPath(new URL("./stuck-read.mjs", import.meta.url));

export const TOKEN = "test-token-7f3a9c2e1b";

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The stdout lines parsed as JSON (with --json). */
  events: Array<Record<string, unknown>>;
}

export interface CliRunOptions {
  cwd: string;
  /** Added to a minimal environment; the parent's token variable is never inherited. */
  env?: Record<string, string>;
  stdin?: string;
  /** Preload a module that makes any outbound connection attempt exit with 99. */
  denyNetwork?: boolean;
  /** Preload a module that makes stdout and stderr claim to be an 80-column terminal. */
  fakeTty?: boolean;
  /** Preload a module that makes stdin claim to be a terminal. */
  fakeTtyStdin?: boolean;
  /** Preload a module that makes reading any file named stuck.jpg hang for ever. */
  stuckRead?: boolean;
  /** Files the run writes may grow to this many KiB; a write past it fails with EFBIG. */
  maxFileKiB?: number;
  /** Run as another user (the tests must run as root for this). */
  uid?: number;
  gid?: number;
}

/** A running CLI, with its output so far and a way to await a line of it. */
export class CliProcess {
  stdout = "";
  stderr = "";
  readonly done: Promise<CliResult>;
  private waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];

  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      this.stdout += text;
      this.check();
    });
    child.stderr?.setEncoding("utf8").on("data", (text: string) => {
      this.stderr += text;
      this.check();
    });
    this.done = new Promise((resolve) => {
      child.on("close", (code, signal) => {
        resolve({
          code,
          signal,
          stdout: this.stdout,
          stderr: this.stderr,
          events: parseEvents(this.stdout),
        });
      });
    });
  }

  /** Resolves once stdout or stderr matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ pattern, resolve });
      this.check();
    });
  }

  private check(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.pattern.test(this.stdout) && !waiter.pattern.test(this.stderr)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

export function startCli(args: string[], options: CliRunOptions): CliProcess {
  const preload = [
    ...(options.denyNetwork ? ["--import", DENY_NETWORK] : []),
    ...(options.fakeTty ? ["--import", FAKE_TTY] : []),
    ...(options.fakeTtyStdin ? ["--import", FAKE_TTY_STDIN] : []),
    ...(options.stuckRead ? ["--import", STUCK_READ] : []),
  ];
  const command = [process.execPath, ...preload, BIN, ...args];
  // Ignoring SIGXFSZ turns a write past the limit into an EFBIG error, as a full disk gives.
  const limited = options.maxFileKiB !== undefined && [
    "-c",
    // sh's ulimit counts the size in 512-byte blocks.
    `trap '' XFSZ; ulimit -f ${options.maxFileKiB * 2}; exec "$@"`,
    "sh",
  ];
  const [program, ...programArgs] = limited ? ["sh", ...limited, ...command] : command;
  const child = spawn(program as string, programArgs, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
    ...(options.uid !== undefined && { uid: options.uid }),
    ...(options.gid !== undefined && { gid: options.gid }),
  });
  child.stdin?.end(options.stdin ?? "");

  return new CliProcess(child);
}

export function runCli(args: string[], options: CliRunOptions): Promise<CliResult> {
  return startCli(args, options).done;
}

function parseEvents(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * The arguments of a journaled `--json` run against `url` that sends one test picture
 * (about 1.2 KB each) per request, so each request settles one picture.
 */
export function oneByOneArgs(
  inputs: string[],
  url: string,
  journal: string,
  extra: string[] = [],
): string[] {
  return [
    ...inputs,
    "--base-url",
    url,
    "--journal",
    journal,
    "--json",
    "--max-request-bytes",
    "2500",
    ...extra,
  ];
}
