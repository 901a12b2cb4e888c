import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The path of a sibling build output, such as `sink-server.js` beside this file. */
export const siblingScript = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export interface RunningChild {
  child: ChildProcess;
  /** Resolves with the first stdout line that matches, rejects if the child ends first. */
  lineMatching(pattern: RegExp): Promise<string>;
  /** Ends the child (this one, by its own handle) and waits for it to exit. */
  stop(): Promise<void>;
}

export function startChild(args: string[], options: { cwd?: string } = {}): RunningChild {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    stderr += text;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const lineMatching = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const look = (text: string) => {
        stdout += text;
        const line = stdout.split("\n").find((candidate) => pattern.test(candidate));
        if (line === undefined) return;
        child.stdout.off("data", look);
        resolve(line);
      };
      child.stdout.on("data", look);
      child.once("exit", (code) => {
        reject(
          new Error(`${args.join(" ")} exited (${code}) before printing ${pattern}\n${stderr}`),
        );
      });
    });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end();
      child.kill("SIGTERM");
    }
    await exited;
  };

  return { child, lineMatching, stop };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` to its end and collects what it printed, whatever its exit code. */
export function runToEnd(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs node with `args` to the end; resolves with its stdout, rejects on a non-zero exit. */
export async function runNode(args: string[], options: { cwd?: string } = {}): Promise<string> {
  const { code, stdout, stderr } = await runToEnd(process.execPath, args, options);
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited with ${code}\n${stderr}`);

  return stdout;
}
