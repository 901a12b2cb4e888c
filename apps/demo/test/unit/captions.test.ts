import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCaptions } from "../../src/captions.js";
import { tempDir } from "../helpers/pictures.js";

const dir = tempDir();
afterAll(() => dir.remove());

function captionsFile(name: string, text: string): string {
  writeFileSync(join(dir.path, name), text);
  return name;
}

describe("loadCaptions", () => {
  it("reads CSV with a header, quotes, commas, doubled quotes and CRLF", async () => {
    const file = captionsFile(
      "a.csv",
      'file,description\r\na.jpg,"One, two"\r\nb.jpg,"Say ""hi"""\r\n\r\nc.jpg,plain\r\n',
    );
    const captions = await loadCaptions(file, dir.path);

    expect(captions.for(join(dir.path, "a.jpg"))).toBe("One, two");
    expect(captions.for(join(dir.path, "b.jpg"))).toBe('Say "hi"');
    expect(captions.for(join(dir.path, "c.jpg"))).toBe("plain");
  });

  it("reads a JSON object or a JSON list", async () => {
    const object = await loadCaptions(captionsFile("o.json", '{"a.jpg": "A"}'), dir.path);
    const list = await loadCaptions(
      captionsFile("l.json", '[{"file": "a.jpg", "description": "B"}]'),
      dir.path,
    );

    expect(object.for(join(dir.path, "x", "a.jpg"))).toBe("A");
    expect(list.for(join(dir.path, "a.jpg"))).toBe("B");
  });

  it("matches a key with a folder against the path, and lists keys no file used", async () => {
    mkdirSync(join(dir.path, "trip"), { recursive: true });
    const captions = await loadCaptions(
      captionsFile("p.csv", "trip/a.jpg,In the trip folder\nother.jpg,Unused\n"),
      dir.path,
    );

    expect(captions.for(join(dir.path, "trip", "a.jpg"))).toBe("In the trip folder");
    expect(captions.for(join(dir.path, "a.jpg"))).toBeUndefined();
    expect(captions.unused()).toEqual(["other.jpg"]);
  });

  it("names the line of a broken CSV row, a repeated name and an open quote", async () => {
    await expect(
      loadCaptions(captionsFile("b1.csv", "a.jpg,x\nb.jpg\n"), dir.path),
    ).rejects.toThrow(/line 2 has 1 field/);
    await expect(
      loadCaptions(captionsFile("b2.csv", "a.jpg,x\na.jpg,y\n"), dir.path),
    ).rejects.toThrow(/names a\.jpg twice \(lines 1 and 2\)/);
    await expect(loadCaptions(captionsFile("b3.csv", 'a.jpg,"open\n'), dir.path)).rejects.toThrow(
      /never closes/,
    );
  });

  it("refuses JSON that is not a map of names to text", async () => {
    await expect(loadCaptions(captionsFile("j1.json", '{"a.jpg": 3}'), dir.path)).rejects.toThrow(
      /entry 1 is not a file name with a text description/,
    );
    await expect(loadCaptions(captionsFile("j2.json", '"text"'), dir.path)).rejects.toThrow(
      /holds no captions/,
    );
  });

  it("refuses JSON that names a file twice, as written or through ./", async () => {
    await expect(
      loadCaptions(
        captionsFile("d1.json", '{"a.jpg": "A", "b.jpg": "B",\n "a.jpg": "C"}'),
        dir.path,
      ),
    ).rejects.toThrow(/names a\.jpg twice \(entries 1 and 3\)/);
    await expect(
      loadCaptions(captionsFile("d2.json", '{"a.jpg": "A", "./a.jpg": "B"}'), dir.path),
    ).rejects.toThrow(/names a\.jpg twice/);
    await expect(
      loadCaptions(
        captionsFile(
          "d3.json",
          '[{"file": "a.jpg", "description": "A"}, {"file": "a.jpg", "description": "B"}]',
        ),
        dir.path,
      ),
    ).rejects.toThrow(/names a\.jpg twice \(entries 1 and 2\)/);
  });

  it("reads keys that only look alike, or hold quotes, once each", async () => {
    const captions = await loadCaptions(
      captionsFile("k.json", '{"a\\"b.jpg": "quoted", "x": "{\\"a.jpg\\": 1}", "a.jpg": "A"}'),
      dir.path,
    );

    expect(captions.for(join(dir.path, 'a"b.jpg'))).toBe("quoted");
    expect(captions.for(join(dir.path, "a.jpg"))).toBe("A");
  });

  it("refuses a device or a folder, naming what it is", async () => {
    mkdirSync(join(dir.path, "folder.csv"));

    await expect(loadCaptions("/dev/zero", dir.path)).rejects.toThrow(
      /--captions \/dev\/zero is a device, not a regular file/,
    );
    await expect(loadCaptions("folder.csv", dir.path)).rejects.toThrow(
      /folder\.csv is a folder, not a regular file/,
    );
  });
});
