import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_REQUEST_BYTES, readArgs } from "../../src/args.js";

const read = (args: string[], env: NodeJS.ProcessEnv = {}) => readArgs(args, env, "/work");

describe("readArgs", () => {
  it("defaults to the embedded mock and a journal in the working folder", () => {
    expect(read(["a.jpg"])).toMatchObject({
      inputs: ["a.jpg"],
      target: "mock",
      baseUrl: undefined,
      journalPath: "/work/add-free-pictures.journal.json",
      maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES,
    });
  });

  it("reads sizes with units", () => {
    expect(read(["a", "--max-request-bytes", "500KB"]).maxRequestBytes).toBe(500_000);
    expect(read(["a", "--max-request-bytes", "2MiB"]).maxRequestBytes).toBe(2 * 1024 * 1024);
    expect(() => read(["a", "--max-request-bytes", "lots"])).toThrow(/not a size/);
  });

  it("takes a concurrency from 1 to 16, and 1 by default", () => {
    expect(read(["a"]).concurrency).toBe(1);
    expect(read(["a", "--concurrency", "4"]).concurrency).toBe(4);
    for (const bad of ["0", "17", "2.5", "two"]) {
      expect(() => read(["a", `--concurrency=${bad}`])).toThrow(/from 1 to 16/);
    }
  });

  it("takes a member ID only as a positive whole number", () => {
    expect(read(["a", "--as-member", "123456"]).member).toBe(123456);
    for (const bad of ["0", "-4", "1.5", "12a", "99999999999999999999"]) {
      expect(() => read(["a", `--as-member=${bad}`])).toThrow(/is not a member's UserID/);
    }
  });

  it("refuses a token argument without quoting it", () => {
    expect(() => read(["a", "--token", "s3cret"])).toThrow(/never taken as an argument/);
    try {
      read(["a", "--access-token=s3cret"]);
    } catch (error) {
      expect((error as Error).message).not.toContain("s3cret");
    }
  });

  it("refuses --target with --base-url, an unknown target and no inputs", () => {
    expect(() => read(["a", "--target", "live", "--base-url", "https://x"])).toThrow(/only one/);
    expect(() => read(["a", "--target", "prod"])).toThrow(/mock, sandbox or live/);
    expect(() => read([])).toThrow(/no pictures named/);
  });

  it("turns debug on from DEBUG patterns that match the tool's name", () => {
    expect(read(["a"], { DEBUG: "add-free-pictures" }).debug).toBe(true);
    expect(read(["a"], { DEBUG: "other,add-*" }).debug).toBe(true);
    expect(read(["a"], { DEBUG: "*" }).debug).toBe(true);
    expect(read(["a"], { DEBUG: "express:*" }).debug).toBe(false);
  });

  it("explains a value that starts with a dash, with the way to write it", () => {
    expect(() => read(["a", "--description", "-my pic"])).toThrow(
      /--description "-my pic": a value that starts with a dash .*"--description=-my pic"/,
    );
    expect(read(["a", "--description=-my pic"]).description).toBe("-my pic");
  });

  it("refuses a request budget below 1 KiB, naming the flag", () => {
    expect(() => read(["a", "--max-request-bytes", "20"])).toThrow(
      /--max-request-bytes 20 is too small/,
    );
    expect(read(["a", "--max-request-bytes", "1KiB"]).maxRequestBytes).toBe(1024);
  });

  it("refuses an empty path for --journal, --captions or a picture", () => {
    expect(() => read(["a", "--journal", ""])).toThrow(/^--journal needs a path: /);
    expect(() => read(["a", "--captions="])).toThrow(/^--captions needs a path: /);
    expect(() => read(["a", ""])).toThrow(/^an empty argument names no picture: /);
  });

  it("quotes a value it cannot read, so an empty one shows", () => {
    expect(() => read(["a", "--target", ""])).toThrow(/^--target "" is not a target: /);
    expect(() => read(["a", "--concurrency", ""])).toThrow(/^--concurrency "" is not a whole/);
    expect(() => read(["a", "--timeout", ""])).toThrow(
      /^--timeout "" is not a number of seconds: /,
    );
    expect(() => read(["a", "--max-request-bytes", ""])).toThrow(
      /^--max-request-bytes "" is not a size: /,
    );
  });

  it("says a number out of range is out of range, with the value given and the range", () => {
    expect(() => read(["a", "--concurrency", "17"])).toThrow(
      '--concurrency "17" is out of range: pass a number of requests from 1 to 16 (the default is 1).',
    );
    expect(() => read(["a", "--concurrency", "0"])).toThrow(/^--concurrency "0" is out of range/);
    expect(() => read(["a", "--timeout", "0"])).toThrow(
      '--timeout "0" is out of range: pass seconds from 0.001 to 2147483, such as --timeout 30.',
    );
    expect(() => read(["a", "--timeout", "soon"])).toThrow(/^--timeout "soon" is not a number of/);
  });

  it("names an unknown option", () => {
    expect(() => read(["a", "--colour"])).toThrow(/unknown option --colour/);
  });
});
