import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliResult, runCli, TOKEN } from "./helpers/cli.js";
import { makeJpeg, tempDir } from "./helpers/pictures.js";

// Every case here is refused before any request: the network guard proves it.
const NOWHERE = "http://127.0.0.1:9";

let dir: ReturnType<typeof tempDir>;

beforeEach(() => {
  dir = tempDir();
  writeFileSync(join(dir.path, "good.jpg"), makeJpeg(7));
});

afterEach(() => dir.remove());

const offline = (
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
  more: { fakeTtyStdin?: boolean } = {},
) =>
  runCli(["good.jpg", "--base-url", NOWHERE, ...args], {
    cwd: dir.path,
    env: { ADULTWORK_ACCESS_TOKEN: TOKEN, ...env },
    denyNetwork: true,
    ...(stdin !== undefined && { stdin }),
    ...more,
  });

function expectUsageError(result: CliResult, message: RegExp): void {
  expect(result.stderr).toMatch(message);
  expect(result.code).toBe(2);
  expect(result.stderr).not.toMatch(/NETWORK ATTEMPT|\n\s+at |bad_alloc/);
  expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN);
}

describe("a journal or captions path that is not a regular file", () => {
  it("refuses a device as the journal", async () => {
    const result = await offline(["--journal", "/dev/full"]);

    expectUsageError(
      result,
      /--journal \/dev\/full is a device, not a regular file: pass --journal/,
    );
  });

  it("refuses a named pipe as the journal instead of waiting for a writer", async () => {
    execFileSync("mkfifo", [join(dir.path, "fifo.json")]);

    const result = await offline(["--journal", "fifo.json"]);

    expectUsageError(result, /fifo\.json is a named pipe, not a regular file/);
  });

  it("refuses a folder as the journal and suggests a file in it", async () => {
    mkdirSync(join(dir.path, "somedir"));

    const result = await offline(["--journal", "somedir"]);

    expectUsageError(
      result,
      /somedir is a folder, not a regular file: .*such as \S*somedir\/add-free-pictures\.journal\.json/,
    );
  });

  it("refuses a device as the captions file", async () => {
    const result = await offline(["--captions", "/dev/zero"]);

    expectUsageError(result, /--captions \/dev\/zero is a device, not a regular file/);
  });

  it("refuses captions and a journal larger than it reads, with the size", async () => {
    // Sparse files: their size is all that is checked, so nothing is written or read.
    writeFileSync(join(dir.path, "huge.csv"), "");
    truncateSync(join(dir.path, "huge.csv"), 11 * 1024 * 1024);
    writeFileSync(join(dir.path, "huge.json"), "");
    truncateSync(join(dir.path, "huge.json"), 101 * 1024 * 1024);

    const captions = await offline(["--captions", "huge.csv"]);
    const journal = await offline(["--journal", "huge.json"]);

    expectUsageError(captions, /--captions huge\.csv is 11\.0 MiB, more than the 10\.0 MiB/);
    expectUsageError(journal, /huge\.json is 101\.0 MiB, more than the 100\.0 MiB .*new path/);
  });
});

describe("stdin", () => {
  it("is not read both for the captions and for the token", async () => {
    const result = await offline(
      ["--captions", "/dev/stdin", "--token-stdin"],
      {},
      "good.jpg,A caption\n",
    );

    expectUsageError(
      result,
      /--captions \/dev\/stdin and --token-stdin both read stdin.*ADULTWORK_ACCESS_TOKEN/,
    );
  });
});

describe("a value that starts with a dash", () => {
  it("is explained with the option and how to write it", async () => {
    const description = await offline(["--description", "-my pic"]);
    const timeout = await offline(["--timeout", "-5"]);

    expectUsageError(description, /--description .*"--description=-my pic"/);
    expectUsageError(timeout, /--timeout .*"--timeout=-5"/);
  });

  it("says an option followed by another option needs a value", async () => {
    const target = await offline(["--target", "--dry-run"]);
    const captions = await offline(["--captions", "-r"]);

    expectUsageError(target, /--target needs a value/);
    expect(target.stderr).not.toMatch(/Join it/);
    expectUsageError(captions, /--captions needs a value/);
  });
});

describe("option values out of range", () => {
  it("refuse a --timeout longer than the client allows, in seconds", async () => {
    const result = await offline(["--timeout", "99999999"]);

    expectUsageError(result, /--timeout 99999999 is too long: pass at most 2147483 seconds/);
    expect(result.stderr).not.toMatch(/timeoutMs/);
  });

  it("refuse a --timeout that rounds to no milliseconds", async () => {
    const result = await offline(["--timeout", "0.0001"]);

    expectUsageError(result, /--timeout 0\.0001 is shorter than a millisecond: pass 0\.001/);
    expect(result.stderr).not.toMatch(/timeoutMs/);
  });

  it("say a --max-request-bytes too large is too large, with the largest", async () => {
    const result = await offline(["--max-request-bytes", "10GB"]);

    expectUsageError(result, /--max-request-bytes 10GB is too large: the largest is 1GiB/);
  });

  it("refuse a member ID with a leading zero rather than read it as another", async () => {
    const result = await offline(["--as-member", "012"]);

    expectUsageError(result, /--as-member 012 starts with a zero/);
  });
});

describe("token messages", () => {
  it("refuse --token-stdin at a terminal and say to pipe the token in", async () => {
    const result = await offline(["--token-stdin"], {}, `${TOKEN}\n`, { fakeTtyStdin: true });

    expectUsageError(
      result,
      /--token-stdin .*stdin is a terminal: pipe the token in \(printf '%s' .*\| add-free-pictures --token-stdin .*ADULTWORK_ACCESS_TOKEN/,
    );
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("say a variable set to blanks is blank, not unset", async () => {
    const result = await offline([], { ADULTWORK_ACCESS_TOKEN: "   " });

    expectUsageError(result, /\(ADULTWORK_ACCESS_TOKEN is blank\)/);
  });

  it('ask to drop a "Bearer " prefix, without quoting the token', async () => {
    const result = await offline([], { ADULTWORK_ACCESS_TOKEN: `Bearer ${TOKEN}` });

    expectUsageError(result, /ADULTWORK_ACCESS_TOKEN starts with "Bearer ": drop that prefix/);
  });

  it("name stdin or the variable when the client refuses the token", async () => {
    const fromStdin = await offline(["--token-stdin"], {}, `${TOKEN} ${TOKEN}\n`);
    const fromEnv = await offline([], { ADULTWORK_ACCESS_TOKEN: `${TOKEN}\n${TOKEN}` });

    expectUsageError(fromStdin, /the access token in stdin \(--token-stdin\) cannot be used/);
    expectUsageError(fromEnv, /the access token in ADULTWORK_ACCESS_TOKEN cannot be used/);
  });
});

describe("small things", () => {
  it("names the loopback addresses plain http may go to", async () => {
    const result = await offline(["--base-url", "http://10.1.2.3"]);

    expectUsageError(
      result,
      /--base-url "http:\/\/10\.1\.2\.3" cannot be used: .*only to localhost, 127\.0\.0\.0\/8 and ::1/,
    );
  });

  it.each(["http://127.0.0.1:9/?", "http://127.0.0.1:9/#"])(
    "refuses --base-url %s before any lock, journal or file, in one line",
    async (url) => {
      const result = await runCli(["missing.jpg", "--base-url", url, "--journal", "j.json"], {
        cwd: dir.path,
        env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
        denyNetwork: true,
      });

      expectUsageError(result, /./);
      expect(result.stderr).toBe(
        `add-free-pictures: --base-url "${url}" cannot be used: the URL must not hold a ` +
          "query or fragment (got one after http://127.0.0.1:9/): pass the API's address " +
          "alone.\n",
      );
      expect(readdirSync(dir.path)).toEqual(["good.jpg"]);
    },
  );

  it("refuses a request budget too small for any picture, naming the flag", async () => {
    const result = await offline(["--max-request-bytes", "20"]);

    expectUsageError(result, /--max-request-bytes 20 is too small: .*1KiB or more/);
  });

  it("refuses a journal with a malformed entry and leaves the file as it was", async () => {
    const text = JSON.stringify({
      format: "add-free-pictures journal",
      version: 1,
      entries: [{ sha256: "ab", file: "old.jpg", outcome: "uploaded" }],
    });
    writeFileSync(join(dir.path, "j.json"), text);

    const result = await offline(["--journal", "j.json"]);

    expectUsageError(result, /j\.json: entry 1 \(file "old\.jpg"\) is not one this tool writes/);
    expect(readFileSync(join(dir.path, "j.json"), "utf8")).toBe(text);
  });

  it("refuses an empty journal, saying what to do, and leaves it there", async () => {
    writeFileSync(join(dir.path, "empty.json"), "");

    const result = await offline(["--journal", "empty.json"]);

    expectUsageError(result, /--journal \S*empty\.json is empty, so it is not a journal: delete/);
    expect(readFileSync(join(dir.path, "empty.json"), "utf8")).toBe("");
  });

  it.each([
    [
      "a picture",
      (loop: string) => [loop, "--dry-run"],
      /loop-a.* cannot be read \(ELOOP\): it is a symbolic link that leads back to itself/,
    ],
    [
      "the journal",
      (loop: string) => ["--journal", loop],
      /--journal \S*loop-a is a symbolic link to loop-b that leads back to itself \(ELOOP/,
    ],
  ])("says a symbolic link loop as %s leads back to itself", async (_, args, message) => {
    symlinkSync("loop-a", join(dir.path, "loop-b"));
    symlinkSync("loop-b", join(dir.path, "loop-a"));

    const result = await offline(args("loop-a"));

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/permissions|\n\s+at /);
  });

  it("refuses JSON captions that name a file twice", async () => {
    writeFileSync(join(dir.path, "c.json"), '{"good.jpg": "one", "good.jpg": "two"}');

    const result = await offline(["--captions", "c.json"]);

    expectUsageError(result, /--captions c\.json names good\.jpg twice \(entries 1 and 2\)/);
  });

  it("says a device given as a picture is not a regular file", async () => {
    const result = await runCli(["/dev/zero", "--dry-run"], { cwd: dir.path, denyNetwork: true });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/dev\/zero: is a device, not a regular file/);
    expect(result.stderr).not.toMatch(/is empty/);
  });
});

describe("a picture that cannot be found", () => {
  it("is named as a symbolic link with its missing target when it is one", async () => {
    symlinkSync("moved-away.jpg", join(dir.path, "dangling.jpg"));
    const result = await runCli(["dangling.jpg", "--dry-run"], {
      cwd: dir.path,
      denyNetwork: true,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "dangling.jpg: is a symbolic link to moved-away.jpg, which does not exist: fix the link " +
        "or name the picture itself.",
    );
  });

  it("is reported once when given twice", async () => {
    const result = await runCli(["gone.jpg", "good.jpg", "gone.jpg", "--dry-run"], {
      cwd: dir.path,
      denyNetwork: true,
    });

    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").filter((line) => line.includes("gone.jpg"))).toEqual([
      "skipped   gone.jpg: does not exist: check the path.",
    ]);
  });
});

describe("option values in the message", () => {
  it("name the range and the value given for --concurrency and --timeout", async () => {
    expectUsageError(
      await offline(["--concurrency", "17"]),
      /--concurrency "17" is out of range: pass a number of requests from 1 to 16/,
    );
    expectUsageError(
      await offline(["--timeout", "0"]),
      /--timeout "0" is out of range: pass seconds from 0\.001 to 2147483/,
    );
  });

  it("say a --base-url port is out of range, and name the fix for a missing scheme", async () => {
    const refused = (url: string) =>
      runCli(["good.jpg", "--base-url", url], {
        cwd: dir.path,
        env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
        denyNetwork: true,
      });

    expectUsageError(await refused("http://127.0.0.1:99999"), /port 99999, which is out of range/);
    expectUsageError(await refused("127.0.0.1:4010"), /write it as "http:\/\/127\.0\.0\.1:4010"/);
    const withPassword = await refused("https://me:pw-7q@example.com");
    expectUsageError(withPassword, /give the access token in ADULTWORK_ACCESS_TOKEN/);
    expect(withPassword.stderr).not.toMatch(/pw-7q|accessToken|baseUrl/);
  });
});

describe("an empty value", () => {
  const refusedAlone = (result: CliResult, message: string) => {
    expectUsageError(result, /./);
    expect(result.stderr).toBe(`add-free-pictures: ${message}\n`);
  };

  it("is refused for --journal, which would name the working folder", async () => {
    const spaced = await offline(["--journal", ""]);
    const joined = await offline(["--journal="]);

    for (const result of [spaced, joined]) {
      refusedAlone(
        result,
        "--journal needs a path: pass the journal file's path, or leave out --journal to use " +
          "./add-free-pictures.journal.json.",
      );
    }
  });

  it("is refused for --captions, which would otherwise be left out in silence", async () => {
    const result = await offline(["--captions", ""]);

    refusedAlone(
      result,
      "--captions needs a path: pass the path of a CSV or JSON file, or leave out --captions.",
    );
  });

  it("is refused as a picture argument", async () => {
    const result = await offline([""]);

    refusedAlone(
      result,
      "an empty argument names no picture: pass JPEG files, folders or glob patterns " +
        "(. for the working folder).",
    );
  });

  it("is quoted in the message that says it is not a URL", async () => {
    const result = await runCli(["good.jpg", "--base-url", ""], {
      cwd: dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
      denyNetwork: true,
    });

    refusedAlone(
      result,
      '--base-url "" cannot be used: the URL must be an absolute URL such as ' +
        "https://api-sandbox.adultwork.com.",
    );
  });
});
