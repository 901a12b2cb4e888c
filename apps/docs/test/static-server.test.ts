import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDirectory } from "../scripts/static-server.mjs";

let dir: string;
let server: Awaited<ReturnType<typeof serveDirectory>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "adultwork-docs-serve-"));
  await writeFile(join(dir, "index.html"), "<h1>docs</h1>");
  await writeFile(join(dir, "postman-collection.json"), "{}");
  await writeFile(join(dir, "secret.txt"), "not for the browser");
  server = await serveDirectory(dir);
});

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("serveDirectory", () => {
  it("listens on 127.0.0.1 only", () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
  });

  it("serves index.html at / and the JSON files by name", async () => {
    const page = await fetch(server.url);
    const collection = await fetch(`${server.url}postman-collection.json`);

    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toBe("<h1>docs</h1>");
    expect(collection.headers.get("content-type")).toContain("application/json");
  });

  it.each(["secret.txt", "%2e%2e%2fpackage.json", "..%2Findex.html", "missing.html"])(
    "answers 404 for %s",
    async (name) => {
      expect((await fetch(`${server.url}${name}`)).status).toBe(404);
    },
  );

  it("answers 404 for a malformed escape and keeps serving", async () => {
    expect((await fetch(`${server.url}%ZZ`)).status).toBe(404);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it("refuses methods other than GET and HEAD", async () => {
    expect((await fetch(server.url, { method: "POST" })).status).toBe(405);
  });
});
