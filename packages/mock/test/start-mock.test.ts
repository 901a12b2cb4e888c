import { createServer } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { startMock } from "../src/index.js";

function listeningServers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "TCPServerWrap").length;
}

describe("startMock", () => {
  it("resolves with a loopback URL that already accepts requests", async () => {
    const mock = await startMock();

    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${mock.url}/v1/Pictures/AddFreePictures`, { method: "POST" });
    expect(answer.status).toBe(401);

    await mock.close();
  });

  it("frees its port on close", async () => {
    const mock = await startMock();
    await mock.close();

    await expect(fetch(`${mock.url}/v1/Pictures/AddFreePictures`)).rejects.toThrow();
  });

  it("rejects a taken port and leaves no server behind", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    const before = listeningServers();

    await expect(startMock({ port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    // Node releases a closed server's handle on a later turn of the loop.
    await vi.waitFor(() => expect(listeningServers()).toBe(before));

    blocker.close();
  });

  it("names the fix when the spec file is missing", async () => {
    await expect(startMock({ specPath: "/nonexistent/openapi.json" })).rejects.toThrow();
  });
});
