import { afterAll, describe, expect, it } from "vitest";
import type { CheckedFile } from "../../src/inspect-pictures.js";
import { Journal } from "../../src/journal.js";
import { locateJournal } from "../../src/journal-file.js";
import { planResume } from "../../src/resume.js";
import { tempDir } from "../helpers/pictures.js";

const dir = tempDir();
afterAll(() => dir.remove());

const TARGET = "https://api-sandbox.adultwork.com";
const picture = (name: string, sha256: string): CheckedFile => ({
  path: name,
  absolute: `/x/${name}`,
  sha256,
  size: 1,
  description: undefined,
  content: new Blob(),
});

async function journalWith(
  outcomes: Record<string, "uploaded" | "failed" | "unknown" | "sending">,
) {
  const location = await locateJournal(`${dir.path}/${Math.random()}.json`);
  (await Journal.open(location)).record(
    Object.entries(outcomes).map(([sha256, outcome]) => ({
      sha256,
      size: 1,
      file: "old.jpg",
      target: TARGET,
      member: null,
      outcome,
      time: "2025-01-01T00:00:00.000Z",
    })),
  );
  // Read back, as a run reads it: `sending` is then `unknown`.
  return Journal.open(location);
}

const pictures = [
  picture("a.jpg", "A"),
  picture("b.jpg", "B"),
  picture("c.jpg", "C"),
  picture("d.jpg", "D"),
];

describe("planResume", () => {
  it("skips uploaded ones, retries failed ones and leaves unknown ones alone", async () => {
    const journal = await journalWith({ A: "uploaded", B: "failed", C: "unknown" });
    const plan = planResume(pictures, {
      journal,
      targetKey: TARGET,
      member: null,
      retryUnknown: false,
    });

    expect(plan.toSend.map((p) => p.path)).toEqual(["b.jpg", "d.jpg"]);
    expect(plan.skipped.map((s) => [s.path, s.code])).toEqual([
      ["a.jpg", "already-uploaded"],
      ["c.jpg", "unknown-earlier"],
    ]);
    expect([plan.alreadyUploaded, plan.unknownLeftAlone]).toEqual([1, 1]);
  });

  it("sends unknown ones again with retryUnknown", async () => {
    const journal = await journalWith({ C: "sending" });
    const plan = planResume(pictures, {
      journal,
      targetKey: TARGET,
      member: null,
      retryUnknown: true,
    });

    expect(plan.toSend).toHaveLength(4);
  });

  it("counts another target or member as not uploaded", async () => {
    const journal = await journalWith({ A: "uploaded" });

    expect(
      planResume(pictures, {
        journal,
        targetKey: "http://127.0.0.1:1",
        member: null,
        retryUnknown: false,
      }).toSend,
    ).toHaveLength(4);
    expect(
      planResume(pictures, { journal, targetKey: TARGET, member: 7, retryUnknown: false }).toSend,
    ).toHaveLength(4);
    expect(
      planResume(pictures, { journal, targetKey: undefined, member: null, retryUnknown: false })
        .toSend,
    ).toHaveLength(4);
  });

  it("sends a picture listed twice under two names once", async () => {
    const plan = planResume([picture("a.jpg", "A"), picture("copy.jpg", "A")], {
      journal: await journalWith({}),
      targetKey: TARGET,
      member: null,
      retryUnknown: false,
    });

    expect(plan.toSend.map((p) => p.path)).toEqual(["a.jpg"]);
    expect(plan.skipped[0]).toMatchObject({ path: "copy.jpg", code: "duplicate-content" });
  });
});
