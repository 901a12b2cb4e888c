import { runNode } from "../child-process.js";
import { binPath } from "../client-entries.js";
import type { Figure } from "../figure.js";
import { rotated, spreadOf, timed } from "../stats.js";

export interface CliStartSize {
  rounds: number;
}

/** `add-free-pictures --help` from a cold process, against a node that does nothing. */
export async function cliStart(size: CliStartSize): Promise<Figure[]> {
  const cli = await binPath("@adultwork-api/demo", "add-free-pictures");
  const contenders: Record<string, string[]> = {
    help: [cli, "--help"],
    empty: ["-e", "0"],
  };
  const helpMs: number[] = [];
  const emptyMs: number[] = [];
  const ratios: number[] = [];

  for (let round = 0; round < size.rounds; round += 1) {
    const times: Record<string, number> = {};
    for (const name of rotated(Object.keys(contenders), round)) {
      times[name] = await timed(() => runNode(contenders[name] as string[]));
    }
    helpMs.push(times.help as number);
    emptyMs.push(times.empty as number);
    ratios.push((times.help as number) / (times.empty as number));
  }

  return [
    {
      name: "add-free-pictures --help, cold",
      against: "node -e 0, same round",
      unit: "x",
      spread: spreadOf(ratios),
      goal: { text: "<= 3x", pass: (median) => median <= 3 },
      note: `${spreadOf(helpMs).median.toFixed(0)} ms vs ${spreadOf(emptyMs).median.toFixed(0)} ms`,
    },
  ];
}
