import { runToEnd } from "../child-process.js";
import { workspaceRoot } from "../client-entries.js";
import type { Figure } from "../figure.js";
import { spreadOf } from "../stats.js";

interface TurboRun {
  milliseconds: number;
  cached: number;
  total: number;
}

// Strip colour codes before reading turbo's summary.
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

async function runTurbo(args: string[]): Promise<TurboRun> {
  const start = performance.now();
  const { code, stdout, stderr } = await runToEnd("pnpm", ["turbo", ...args], {
    cwd: workspaceRoot,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
  });
  const milliseconds = performance.now() - start;

  const text = stdout.replace(ansi, "");
  if (code !== 0) {
    throw new Error(`pnpm turbo ${args.join(" ")} exited with ${code}\n${text}${stderr}`);
  }

  return { milliseconds, ...cacheCounts(text) };
}

/** Reads "Cached: 5 cached, 7 total", or the task list of a `--dry-run=json`. */
function cacheCounts(text: string): { cached: number; total: number } {
  const summary = /Cached:\s+(\d+) cached, (\d+) total/.exec(text);
  if (summary) return { cached: Number(summary[1]), total: Number(summary[2]) };

  const dry = JSON.parse(text.slice(text.indexOf("{"))) as {
    tasks: { cache: { status: string } }[];
  };
  const cached = dry.tasks.filter((task) => task.cache.status === "HIT").length;

  return { cached, total: dry.tasks.length };
}

export interface TurboSize {
  warmRuns: number;
  /** Hash and look up only (`--dry-run`): for the smoke run, which must not rebuild. */
  dryRun: boolean;
}

/** `pnpm turbo run build` with nothing changed: after one run that fills the cache. */
export async function turboWarm(size: TurboSize): Promise<Figure[]> {
  const args = size.dryRun
    ? ["run", "build", "--dry-run=json"]
    : ["run", "build", "--output-logs=errors-only"];

  if (!size.dryRun) await runTurbo(args);

  const runs: TurboRun[] = [];
  for (let run = 0; run < size.warmRuns; run += 1) runs.push(await runTurbo(args));

  const allCached = runs.every((run) => run.cached === run.total);
  const counts = runs.map((run) => `${run.cached}/${run.total}`).join(", ");

  return [
    {
      name: `warm turbo build${size.dryRun ? " (dry run)" : ""}`,
      against: "-",
      unit: "s",
      spread: spreadOf(runs.map((run) => run.milliseconds / 1000)),
      goal: {
        text: "all cached, <= 1.5 s",
        pass: (median) => allCached && median <= 1.5,
      },
      note: `cached tasks per run: ${counts}`,
    },
  ];
}
