import { join } from "node:path";
import { parseArgs } from "node:util";
import { workspaceRoot } from "./client-entries.js";
import { verdictOf } from "./figure.js";
import {
  describeMachine,
  finishMachine,
  latestRun,
  recordRun,
  runSection,
  table,
} from "./report.js";
import { GROUPS, runBench } from "./run-bench.js";

const usage = `Usage: node dist/main.js [--smoke] [--json] [--only GROUPS] [--out FILE]

  --smoke     tiny sizes, a few seconds: checks that every figure is produced
  --json      print the figures as JSON instead of the table
  --only      comma-separated groups to run: ${GROUPS.join(", ")}
  --out FILE  also write the run into FILE (default: BENCHMARKS.md at the
              workspace root for a full run, nowhere for a smoke run)`;

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    only: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const machine = describeMachine();
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
const only = values.only?.split(",").map((name) => name.trim()) ?? [...GROUPS];
const unknown = only.filter((name) => !(GROUPS as readonly string[]).includes(name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown group ${unknown.join(", ")}: use ${GROUPS.join(", ")}\n`);
  process.exit(2);
}

const figures = await runBench(values.smoke ? "smoke" : "full", progress, only);
const finished = finishMachine(machine);

if (values.json) {
  const rows = figures.map((figure) => ({ ...figure, verdict: verdictOf(figure) }));
  process.stdout.write(`${JSON.stringify({ machine: finished, figures: rows }, null, 2)}\n`);
} else {
  process.stdout.write(`\n${table(figures)}\n`);
}

// Only a complete full run goes into BENCHMARKS.md by default.
const complete = !values.smoke && values.only === undefined;
const out = values.out ?? (complete ? join(workspaceRoot, "BENCHMARKS.md") : undefined);
if (out) {
  await recordRun(out, runSection(finished, figures, await latestRun(out)));
  progress(`written to ${out}`);
}

// A figure that could not be measured fails the run; a MISS does not: it is a finding.
const broken = figures.filter((figure) => !Number.isFinite(figure.spread.median));
process.exitCode = broken.length > 0 ? 1 : 0;
