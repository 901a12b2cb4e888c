import { spawnSync } from "node:child_process";
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
