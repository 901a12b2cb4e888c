import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverFiles } from "../../src/discover-files.js";
import { tempDir } from "../helpers/pictures.js";

const dir = tempDir();

beforeAll(() => {
  for (const path of [
    "b.jpg",
    "a.JPEG",
    "notes.txt",
    "sub/c.jpg",
    "sub/deeper/d.jpg",
    "empty/.keep",
    ".hidden.jpg",
  ]) {
    mkdirSync(join(dir.path, path, ".."), { recursive: true });
    writeFileSync(join(dir.path, path), "x");
  }
  symlinkSync(join(dir.path, "b.jpg"), join(dir.path, "sub", "link-to-b.jpg"));
});

afterAll(() => dir.remove());

const discover = (inputs: string[], recursive = false) =>
  discoverFiles(inputs, { recursive, cwd: dir.path });

describe("discoverFiles", () => {
  it("lists a folder's JPEGs in name order and names everything it leaves out", async () => {
    const found = await discover(["."]);

    expect(found.files.map((f) => f.path)).toEqual(["a.JPEG", "b.jpg"]);
    expect(found.skipped.map((s) => [s.path, s.code])).toEqual([
      [".hidden.jpg", "hidden"],
      ["empty", "folder-not-recursive"],
      ["notes.txt", "not-jpeg-name"],
      ["sub", "folder-not-recursive"],
    ]);
  });

  it("walks sub-folders with --recursive and takes a file reached twice once", async () => {
    const found = await discover(["b.jpg", "sub"], true);

    expect(found.files.map((f) => f.path)).toEqual(["b.jpg", "sub/c.jpg", "sub/deeper/d.jpg"]);
    expect(found.skipped).toEqual([
      expect.objectContaining({ path: "sub/link-to-b.jpg", code: "listed-twice" }),
    ]);
  });

  it("expands glob patterns, ** included", async () => {
    expect((await discover(["*.jpg"])).files.map((f) => f.path)).toEqual(["b.jpg"]);
    const deep = await discover(["**/*.jpg"]);
    expect(deep.files.map((f) => f.path)).toEqual(["b.jpg", "sub/c.jpg", "sub/deeper/d.jpg"]);
    expect(deep.skipped.map((s) => [s.path, s.code])).toEqual([
      ["sub/link-to-b.jpg", "listed-twice"],
    ]);
    expect((await discover(["sub/{c,x}.jpg", "?.JPEG"])).files.map((f) => f.path)).toEqual([
      "sub/c.jpg",
      "a.JPEG",
    ]);
  });

  it("reports missing paths, patterns with no match and folders with no JPEGs", async () => {
    const found = await discover(["nope.jpg", "*.png", "empty"]);

    expect(found.files).toEqual([]);
    expect(found.skipped.map((s) => s.code)).toEqual([
      "not-found",
      "no-match",
      "hidden",
      "no-jpegs",
    ]);
  });

  it("names the missing target of a dangling symbolic link", async () => {
    const links = tempDir();
    symlinkSync("gone.jpg", join(links.path, "dangling.jpg"));
    const found = await discoverFiles(["dangling.jpg"], { recursive: false, cwd: links.path });
    links.remove();

    expect(found.skipped).toEqual([
      {
        path: "dangling.jpg",
        code: "not-found",
        reason:
          "is a symbolic link to gone.jpg, which does not exist: fix the link or name the " +
          "picture itself.",
      },
    ]);
  });

  it("reports a path given twice once, whether it is missing or found", async () => {
    const missing = await discover(["nope.jpg", "nope.jpg"]);
    expect(missing.skipped.map((s) => [s.path, s.code])).toEqual([["nope.jpg", "not-found"]]);

    const found = await discover(["b.jpg", "b.jpg"]);
    expect(found.files.map((f) => f.path)).toEqual(["b.jpg"]);
    expect(found.skipped).toEqual([]);
  });
});
