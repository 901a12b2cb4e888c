import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type CliResult, runCli, startCli, TOKEN } from "./helpers/cli.js";
import { useMockAndTempDir } from "./helpers/mock-fixture.js";
import { decodedImages, makeJpeg } from "./helpers/pictures.js";

const fx = useMockAndTempDir();
const good = makeJpeg(7);

beforeEach(() => {
  writeFileSync(join(fx.dir.path, "good.jpg"), good);
});

const toMock = (args: string[], env: Record<string, string> = {}) =>
  runCli([...args, "--base-url", fx.mock.url], {
    cwd: fx.dir.path,
    env: { ADULTWORK_ACCESS_TOKEN: TOKEN, ...env },
  });

/** The one line about `path` in the output. */
function lineAbout(result: CliResult, path: string): string {
  const lines = `${result.stdout}\n${result.stderr}`
    .split("\n")
    .filter((line) => line.includes(path));
  expect(lines).toHaveLength(1);

  return lines[0] as string;
}

function receivedPictures(): Buffer[] {
  return fx.mock.received.flatMap((request) => decodedImages(request.body));
}

function expectCleanFailure(result: CliResult): void {
  expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
  expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN);
}

describe("a bad picture among good ones", () => {
  const cases: Array<[string, string, (path: string) => void, RegExp]> = [
    ["a missing path", "missing.jpg", () => {}, /missing\.jpg: does not exist/],
    ["an empty file", "empty.jpg", (p) => writeFileSync(p, ""), /empty\.jpg: is empty/],
    [
      "a PNG named .jpg",
      "png.jpg",
      (p) => writeFileSync(p, Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")),
      /png\.jpg: is not a JPEG \(it starts like a PNG\)/,
    ],
    [
      "a truncated JPEG",
      "cut.jpg",
      (p) => writeFileSync(p, good.subarray(0, good.length - 40)),
      /cut\.jpg: .*truncated/,
    ],
    [
      "a folder with no JPEGs",
      "notes",
      (p) => {
        mkdirSync(p);
        writeFileSync(join(p, "readme.txt"), "no pictures here");
      },
      /notes: holds no \.jpg or \.jpeg files/,
    ],
  ];

  for (const [what, name, make, message] of cases) {
    it(`names ${what} with the reason, sends the rest, and exits 2`, async () => {
      make(join(fx.dir.path, name));

      const result = await toMock([name, "good.jpg"]);

      expect(lineAbout(result, `${name}:`)).toMatch(message);
      expect(result.code).toBe(2);
      expect(receivedPictures()).toEqual([good]);
      expectCleanFailure(result);
    });
  }

  it("names a picture larger than the request budget and the flag that raises it", async () => {
    writeFileSync(join(fx.dir.path, "big.jpg"), makeJpeg(3, 200, 200));

    const result = await toMock(["big.jpg", "good.jpg", "--max-request-bytes", "3KB"]);

    expect(lineAbout(result, "big.jpg")).toMatch(/does not fit .* raise --max-request-bytes/);
    expect(result.code).toBe(2);
    expect(receivedPictures()).toEqual([good]);
  });

  it("names an unreadable file", async () => {
    const path = join(fx.dir.path, "locked.jpg");
    writeFileSync(path, good);
    chmodSync(path, 0o000);
    chmodSync(fx.dir.path, 0o777);

    // Root reads any file, so the CLI runs as an unprivileged user when the tests are root.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const cli = startCli(["locked.jpg", "good.jpg", "--base-url", fx.mock.url], {
      cwd: fx.dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
      ...asUser,
    });
    const result = await cli.done;

    expect(lineAbout(result, "locked.jpg")).toMatch(
      /locked\.jpg: cannot be read \(permission denied\)/,
    );
    expect(result.code).toBe(2);
    expect(receivedPictures()).toEqual([good]);
  });

  it("sends a JPEG with data after its end marker, as the README says", async () => {
    const trailer = Buffer.concat([good, Buffer.from("phone trailer after FF D9")]);
    writeFileSync(join(fx.dir.path, "trailer.jpg"), trailer);

    const result = await toMock(["trailer.jpg"]);
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

    expect(result.code).toBe(0);
    expect(receivedPictures()).toEqual([trailer]);
    expect(readme).toMatch(/Data after the end marker is accepted/);
    expect(readme).not.toMatch(/after that marker[^.]*is refused/);
  });

  it("with --strict, sends nothing at all", async () => {
    const result = await toMock(["missing.jpg", "good.jpg", "--strict"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--strict: nothing was sent/);
    expect(fx.mock.received).toEqual([]);
  });
});

describe("captions", () => {
  it("sends each picture with its caption from a CSV file", async () => {
    writeFileSync(
      join(fx.dir.path, "c.csv"),
      'file,description\ngood.jpg,"A test, with a comma"\n',
    );

    const result = await toMock(["good.jpg", "--captions", "c.csv"]);

    expect(result.code).toBe(0);
    expect(JSON.parse(fx.mock.received[0]?.body ?? "{}").Pictures[0].Description).toBe(
      "A test, with a comma",
    );
  });

  it("reports a caption for a file not in the upload, and --strict stops on it", async () => {
    writeFileSync(
      join(fx.dir.path, "c.json"),
      JSON.stringify({ "good.jpg": "ok", "gone.jpg": "lost" }),
    );

    const loose = await toMock(["good.jpg", "--captions", "c.json"]);
    expect(lineAbout(loose, "gone.jpg")).toMatch(/captions name gone\.jpg, which is not among/);
    expect(loose.code).toBe(0);

    fx.mock.received.length = 0;
    const strict = await toMock(["good.jpg", "--captions", "c.json", "--strict"]);
    expect(strict.code).toBe(2);
    expect(fx.mock.received).toEqual([]);
  });
});

describe("inputs refused before any network", () => {
  const offline = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { cwd: fx.dir.path, env, denyNetwork: true });

  it("refuses a missing captions file", async () => {
    const result = await offline(["good.jpg", "--captions", "nope.csv", "--target", "sandbox"], {
      ADULTWORK_ACCESS_TOKEN: TOKEN,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--captions nope\.csv does not exist: check the path/);
  });

  it("refuses a malformed captions file, naming the line", async () => {
    writeFileSync(join(fx.dir.path, "bad.csv"), "good.jpg,one,two\n");
    writeFileSync(join(fx.dir.path, "bad.json"), "{ not json");

    const csv = await offline(["good.jpg", "--captions", "bad.csv"]);
    const json = await offline(["good.jpg", "--captions", "bad.json"]);

    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/bad\.csv line 1 has 3 field\(s\), not 2/);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/bad\.json is not valid JSON/);
  });

  it("refuses an invalid member ID", async () => {
    const result = await offline(["good.jpg", "--as-member", "12ab"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--as-member "12ab" is not a member's UserID/);
  });

  it("refuses a real target without a token", async () => {
    const result = await offline(["good.jpg", "--target", "sandbox"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no access token for the sandbox .*ADULTWORK_ACCESS_TOKEN/);
    expect(result.stderr).not.toMatch(/NETWORK ATTEMPT/);
  });

  it("refuses plain http to another machine when it holds a token", async () => {
    const result = await offline(["good.jpg", "--base-url", "http://uploads.example.invalid"], {
      ADULTWORK_ACCESS_TOKEN: TOKEN,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /uses plain http, which would send the access token unencrypted: use https/,
    );
    expect(result.stderr).not.toMatch(/NETWORK ATTEMPT/);
  });

  it("refuses a token given as an argument without echoing it", async () => {
    const result = await offline(["good.jpg", `--token=${TOKEN}`]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/never taken as an argument/);
    expectCleanFailure(result);
  });

  it("proves the guard works: a run that connects (to the loopback mock) is stopped", async () => {
    const result = await offline(["good.jpg", "--base-url", fx.mock.url], {
      ADULTWORK_ACCESS_TOKEN: TOKEN,
    });

    expect(result.code).toBe(99);
    expect(result.stderr).toMatch(/NETWORK ATTEMPT/);
  });
});

describe("the token", () => {
  it("is read from stdin with --token-stdin and never printed", async () => {
    const result = await runCli(
      ["good.jpg", "--base-url", fx.mock.url, "--token-stdin", "--debug"],
      {
        cwd: fx.dir.path,
        stdin: `${TOKEN}\n`,
      },
    );

    expect(result.code).toBe(0);
    expect(fx.mock.received[0]?.headers.authorization).toBe("[REDACTED]");
    expectCleanFailure(result);
    expect(readFileSync(join(fx.dir.path, "add-free-pictures.journal.json"), "utf8")).not.toContain(
      TOKEN,
    );
  });
});
