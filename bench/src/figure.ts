import type { Spread } from "./stats.js";

/** A goal a figure is held to: `pass` compares the median. */
export interface Goal {
  text: string;
  pass: (median: number) => boolean;
}

/** One row of the table. */
export interface Figure {
  name: string;
  against: string;
  unit: string;
  spread: Spread;
  goal?: Goal;
  /** Context that the median alone does not carry (absolute times, sizes). */
  note?: string;
  /** The name the same figure had in earlier runs, if it changed. */
  formerName?: string;
}

export type Verdict = "PASS" | "MISS" | "-";

export function verdictOf(figure: Figure): Verdict {
  if (!figure.goal) return "-";

  return figure.goal.pass(figure.spread.median) ? "PASS" : "MISS";
}

/** What every figure module gives back. */
export type FigureRun = () => Promise<Figure[]>;
