import { rotated, timed } from "./stats.js";

/**
 * Runs each contender once to warm up, then `rounds` rounds in which they take turns in
 * a rotated order. Gives each one's seconds per round: entry i of two contenders comes
 * from the same round, so their ratio compares runs made side by side.
 */
export async function takeTurns<Name extends string>(
  contenders: Record<Name, () => Promise<unknown>>,
  rounds: number,
): Promise<Record<Name, number[]>> {
  const names = Object.keys(contenders) as Name[];
  const seconds = {} as Record<Name, number[]>;
  for (const name of names) seconds[name] = [];

  for (const name of names) await contenders[name]();
  for (let round = 0; round < rounds; round += 1) {
    for (const name of rotated(names, round)) {
      seconds[name].push((await timed(contenders[name])) / 1000);
    }
  }

  return seconds;
}

/** `a[i] / b[i]` for each round. */
export const perRound = (a: number[], b: number[]) => a.map((value, i) => value / (b[i] ?? NaN));
