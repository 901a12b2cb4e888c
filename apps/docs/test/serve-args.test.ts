import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const serve = fileURLToPath(new URL("../scripts/serve.mjs", import.meta.url));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [serve, ...args], { encoding: "utf8" });

describe("the docs server's options", () => {
  it.each([
    [["--prot", "9000"], "docs: Unknown option '--prot'"],
    [["--port", "-1"], "docs: Option '--port' argument is ambiguous"],
    [["--port", "70000"], "docs: --port 70000 is not a port number: use a whole number"],
    [["--port", ""], "docs: --port '' is not a port number"],
    [["extra"], "docs: Unexpected argument 'extra'"],
  ])("refuse %j in words, with exit code 2 and no stack trace", (args, message) => {
    const result = run(...args);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("print the usage for --help", () => {
    const result = run("--help");

    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: pnpm run docs [--port N]");
  });
});

describe("the docs server on Ctrl-C", () => {
  it("stops with exit code 0, not by the signal", async () => {
    const child = spawn(process.execPath, [serve, "--port", "0"], { stdio: "pipe" });
    let output = "";
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk;
        if (output.includes("Press Ctrl+C to stop.")) resolve();
      });
    });

    child.kill("SIGINT");
    const [code, signal] = await once(child, "exit");

    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
