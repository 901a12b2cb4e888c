import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/adultwork-mock.js", import.meta.url));

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
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
