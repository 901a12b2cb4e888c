import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { type Figure, verdictOf } from "./figure.js";

export interface Machine {
  date: string;
  node: string;
  cpu: string;
  memory: string;
  loadAtStart: string;
  loadAtEnd?: string;
  code: string;
}

// Which code was measured: the commit, and whether the tree had changes on top of it.
function describeCode(): string {
  try {
    const run = (args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
    const commit = run(["rev-parse", "--short", "HEAD"]);
    const changed = run(["status", "--porcelain", "--untracked-files=no"]) !== "";

    return `commit ${commit}${changed ? " with uncommitted changes" : ""}`;
  } catch {
    return "commit unknown (no git)";
  }
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");

export function describeMachine(): Machine {
  const cores = cpus();

  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    node: process.version,
    cpu: `${cores.length} cores (${cores[0]?.model.trim() ?? "unknown model"})`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    loadAtStart: load(),
    code: describeCode(),
  };
}

export const finishMachine = (machine: Machine): Machine => ({ ...machine, loadAtEnd: load() });

function number(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;

  return value.toFixed(digits);
}

/** A figure's median and result in an earlier run, by the figure's name. */
export interface EarlierRun {
  date: string;
  results: Map<string, string>;
}

function row(figure: Figure, earlier: EarlierRun | undefined): string[] {
  const { median, low, high, kind, count } = figure.spread;
  const spread =
    kind === "exact" ? "exact" : `${number(low)}-${number(high)} (${kind}, n=${count})`;
  const cells = [
    figure.name,
    `${number(median)} ${figure.unit}`,
    spread,
    figure.against,
    figure.goal?.text ?? "-",
    verdictOf(figure),
  ];
  if (earlier) {
    const before = earlier.results.get(figure.name) ?? earlier.results.get(figure.formerName ?? "");
    cells.push(before ?? "-");
  }

  return [...cells, figure.note ?? ""];
}

/**
 * One Markdown table: readable in a terminal and in BENCHMARKS.md alike. With an
 * earlier run, a column shows each figure's median and result there, for before/after.
 */
export function table(figures: readonly Figure[], earlier?: EarlierRun): string {
  const header = ["figure", "median", "spread", "against", "goal", "result"];
  if (earlier) header.push("previous run");
  header.push("note");
  const lines = [header, header.map(() => "---"), ...figures.map((f) => row(f, earlier))];

  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function runSection(
  machine: Machine,
  figures: readonly Figure[],
  earlier?: EarlierRun,
): string {
  const compared = earlier
    ? ` "previous run" is the run of ${earlier.date} ("-" where it had no such figure).`
    : "";

  return [
    `## Run of ${machine.date}`,
    "",
    `Node ${machine.node}; ${machine.cpu}; ${machine.memory} memory; load average ` +
      `(1, 5, 15 min) ${machine.loadAtStart} at start, ${machine.loadAtEnd ?? "?"} at end. ` +
      `Code: ${machine.code}.${compared}`,
    "",
    table(figures, earlier),
    "",
  ].join("\n");
}

const RUN_MARK = "<!-- bench run -->";
const KEPT_RUNS = 6;

/** The newest run recorded in `path`, read back from its table; undefined if none. */
export async function latestRun(path: string): Promise<EarlierRun | undefined> {
  const text = await readFile(path, "utf8").catch(() => "");
  const run = text.split(RUN_MARK)[1];
  const date = run?.match(/^## Run of (\S+)/m)?.[1];
  if (!run || !date) return undefined;

  const results = new Map<string, string>();
  const lines = run.split("\n").filter((line) => line.startsWith("| "));
  const header = lines[0]?.split(" | ") ?? [];
  const [median, result] = [header.indexOf("median"), header.indexOf("result")];
  for (const line of lines.slice(2)) {
    const cells = line.slice(2, -2).split(" | ");
    const verdict = cells[result] && cells[result] !== "-" ? ` ${cells[result]}` : "";
    results.set(cells[0] ?? "", `${cells[median]}${verdict}`);
  }

  return { date, results };
}

const INTRO = `# Benchmarks

Written by \`pnpm bench\` (see bench/README.md). The newest run is first; earlier runs stay
below it, so a change shows as before and after: each table's "previous run" column gives
the same figure's median (and result) in the run just below it. Every figure is a median
from one run in which the contenders took turns; the spread is p25-p75 from 8 values up,
min-max below that. A figure with a goal is marked PASS or MISS on its median.
`;

/** Puts this run first in the file and keeps the few runs before it. */
export async function recordRun(path: string, section: string): Promise<void> {
  const previous = await readFile(path, "utf8").catch(() => "");
  const earlier = previous.split(RUN_MARK).slice(1, KEPT_RUNS);
  const runs = [section, ...earlier.map((run) => run.trim())];

  await writeFile(path, `${INTRO}\n${runs.map((run) => `${RUN_MARK}\n${run}\n`).join("\n")}`);
}
