import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runToEnd } from "../src/child-process.js";

const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));

const GROUPS = [
  "small call: client",
  "upload ",
  "upload RSS growth",
  "base64: client",
  "browser bundle: client",
  "warm turbo build",
  "mock ready",
  "add-free-pictures --help",
];

interface Row {
  name: string;
  spread: { median: number; low: number; high: number };
  verdict: string;
  note?: string;
}

const smokeRun = () => runToEnd(process.execPath, [main, "--smoke", "--json"]);

describe("the bench, at smoke size", () => {
  it("produces every figure as a finite number", async () => {
    const { code, stdout, stderr } = await smokeRun();
    const { figures } = JSON.parse(stdout) as { figures: Row[] };

    const unmeasured = figures.filter(
      (row) => ![row.spread.median, row.spread.low, row.spread.high].every(Number.isFinite),
    );
    expect(
      unmeasured.map((row) => `${row.name}: ${row.note}`),
      stderr,
    ).toEqual([]);
    expect(code).toBe(0);
    for (const group of GROUPS) {
      expect(
        figures.some((row) => row.name.startsWith(group)),
        group,
      ).toBe(true);
    }
  });
});
