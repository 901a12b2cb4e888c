import { runNode, siblingScript, startChild } from "../child-process.js";
import { binPath } from "../client-entries.js";
import type { Figure } from "../figure.js";
import { rotated, spreadOf } from "../stats.js";

const URL_LINE = /http:\/\/127\.0\.0\.1:\d+/;

async function inProcess(): Promise<number> {
  const output = await runNode([siblingScript("mock-child.js")]);

  return (JSON.parse(output) as { milliseconds: number }).milliseconds;
}

async function command(bin: string): Promise<number> {
  const start = performance.now();
  const child = startChild([bin, "--port", "0"]);
  try {
    await child.lineMatching(URL_LINE);
    return performance.now() - start;
  } finally {
    await child.stop();
  }
}

export interface MockReadySize {
  rounds: number;
}

/** Start to ready: startMock() resolving, and the command printing its URL. */
export async function mockReady(size: MockReadySize): Promise<Figure[]> {
  const bin = await binPath("@adultwork-api/mock", "adultwork-mock");
  const contenders: Record<string, () => Promise<number>> = {
    inProcess,
    command: () => command(bin),
  };
  const seconds: Record<string, number[]> = { inProcess: [], command: [] };

  for (let round = 0; round < size.rounds; round += 1) {
    for (const name of rotated(Object.keys(contenders), round)) {
      seconds[name]?.push((await (contenders[name] as () => Promise<number>)()) / 1000);
    }
  }

  const goal = { text: "<= 3 s", pass: (median: number) => median <= 3 };

  return [
    {
      name: "mock ready: import + startMock()",
      against: "-",
      unit: "s",
      spread: spreadOf(seconds.inProcess ?? []),
      goal,
      note: "in a fresh process, import included",
    },
    {
      name: "mock ready: adultwork-mock command",
      against: "-",
      unit: "s",
      spread: spreadOf(seconds.command ?? []),
      goal,
      note: "spawn to its first URL line",
    },
  ];
}
