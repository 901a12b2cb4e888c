/** The middle of a sample and how far it spreads, from the same run. */
export interface Spread {
  median: number;
  low: number;
  high: number;
  /** What `low` and `high` are: quartiles when there are enough values. */
  kind: "p25-p75" | "min-max" | "exact";
  count: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? Number.NaN;

  return low + (high - low) * (position - below);
}

/** Median with quartiles from 8 values up, with min and max below that. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);

  if (sorted.length === 1) {
    return { median, low: median, high: median, kind: "exact", count: 1 };
  }
  if (sorted.length < 8) {
    const low = sorted[0] ?? Number.NaN;
    const high = sorted.at(-1) ?? Number.NaN;
    return { median, low, high, kind: "min-max", count: sorted.length };
  }

  return {
    median,
    low: quantile(sorted, 0.25),
    high: quantile(sorted, 0.75),
    kind: "p25-p75",
    count: sorted.length,
  };
}

/** Runs `steps` in a different order each round, so no contender always goes first. */
export function rotated<T>(steps: readonly T[], round: number): T[] {
  const shift = round % steps.length;

  return [...steps.slice(shift), ...steps.slice(0, shift)];
}

/** Milliseconds taken by `work`. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();

  return performance.now() - start;
}

/** "64 MiB", "0.5 MiB": sizes for figure names. */
export const mebibytes = (bytes: number) => `${Number((bytes / 1024 ** 2).toPrecision(3))} MiB`;
