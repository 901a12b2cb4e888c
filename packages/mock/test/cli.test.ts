import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/adultwork-mock.js", import.meta.url));
const stuckClose = fileURLToPath(new URL("./helpers/stuck-close.mjs", import.meta.url));

/** The command; `closing` preloads a module that makes closing its servers hang or fail. */
function run(args: string[], closing?: "hang" | "fail"): ChildProcess {
  const preload = closing ? ["--import", stuckClose] : [];
  return spawn(process.execPath, [...preload, bin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...(closing && { STUCK_CLOSE: closing }) },
  });
}

/** Everything the command writes to stderr, as it comes. */
function collectStderr(child: ChildProcess): { text: string } {
  const collected = { text: "" };
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    collected.text += chunk;
  });

  return collected;
}

/** Resolves once stderr holds `text`. */
async function stderrHas(child: ChildProcess, collected: { text: string }, text: string) {
  while (!collected.text.includes(text)) await once(child.stderr as NodeJS.ReadableStream, "data");
}

async function firstLine(child: ChildProcess): Promise<string> {
  let text = "";
  for await (const chunk of child.stdout ?? []) {
    text += chunk;
    if (text.includes("\n")) break;
  }

  return text.split("\n")[0] ?? "";
}

describe("adultwork-mock", () => {
  it("prints its URL once it listens, and stops cleanly on SIGINT", async () => {
    const child = run(["--port", "0"]);
    const line = await firstLine(child);
    const url = line.match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];

    expect(url).toBeDefined();
    const answer = await fetch(`${url}/v1/Pictures/AddFreePictures`, { method: "POST" });
    expect(answer.status).toBe(401);

    // The mock keeps serving after its reader has gone (EPIPE on its output).
    child.stdout?.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    const again = await fetch(`${url}/v1/Pictures/AddFreePictures`, { method: "POST" });
    expect(again.status).toBe(401);

    child.kill("SIGINT");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("refuses a port that is not a number, naming it", async () => {
    const child = run(["--port", "forty"]);
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });

    const [code] = await once(child, "exit");

    expect(code).toBe(2);
    expect(stderr).toContain("--port forty");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("stops at once on a SIGTERM that comes while it is stopping", async () => {
    const child = run(["--port", "0"], "hang");
    const stderr = collectStderr(child);
    await firstLine(child);

    child.kill("SIGTERM");
    await stderrHas(child, stderr, "CLOSE HELD");
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");

    expect(code).toBe(0);
    expect(stderr.text).toBe(
      "CLOSE HELD\nadultwork-mock: SIGTERM while stopping: stopped at once.\n",
    );
  });

  it("says in one line, with exit code 1, that it could not close cleanly", async () => {
    const child = run(["--port", "0"], "fail");
    const stderr = collectStderr(child);
    await firstLine(child);

    child.kill("SIGINT");
    const [code] = await once(child, "exit");

    expect(code).toBe(1);
    expect(stderr.text).toBe(
      "adultwork-mock: the mock did not close cleanly (the test made closing fail); its " +
        "ports are freed as the process ends.\n",
    );
  });

  it("warns when fetch would refuse its port", async () => {
    const child = run(["--port", "6000"]);
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });

    const line = await firstLine(child);
    child.kill("SIGINT");
    await once(child, "exit");

    expect(line).toContain("listening");
    expect(stderr).toContain("refuses port 6000");
  });
});
