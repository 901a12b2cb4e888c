import cliProgress from "cli-progress";
import { formatBytes } from "./format.js";

export interface ProgressState {
  picturesDone: number;
  picturesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/**
 * The progress bar for a terminal: pictures and bytes, rate and ETA, with lines logged
 * above it. Only for a TTY: off a terminal cli-progress prints garbage or nothing.
 */
export class ProgressBar {
  private bars: cliProgress.MultiBar;
  private bar: cliProgress.SingleBar;
  private startedAt = Date.now();

  constructor(stream: NodeJS.WritableStream, total: ProgressState) {
    this.bars = new cliProgress.MultiBar(
      {
        stream,
        format:
          "{bar} {pictures}/{picturesTotal} | {bytes} of {bytesTotal} | {rate} | " +
          "ETA {eta_formatted}",
        barsize: 16,
        hideCursor: true,
        // cli-progress turns the terminal's line wrapping off by default, which cuts every
        // line logged above the bar at the terminal's width: the reasons and fixes of long
        // problem lines. With wrapping on, those lines wrap whole and cli-progress cuts only
        // the bar's own line to the width.
        linewrap: true,
        clearOnComplete: false,
        gracefulExit: false,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar = this.bars.create(Math.max(total.bytesTotal, 1), 0, this.payload(total));
  }

  update(state: ProgressState): void {
    this.bar.setTotal(Math.max(state.bytesTotal, 1));
    this.bar.update(state.bytesDone, this.payload(state));
  }

  /** Prints a line above the bar at once (stop() would drop lines still queued). */
  log(line: string): void {
    this.bars.log(`${line}\n`);
    this.bars.update();
  }

  stop(): void {
    this.bars.stop();
  }

  private payload(state: ProgressState) {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? `${formatBytes(state.bytesDone / seconds)}/s` : "-";

    return {
      pictures: state.picturesDone,
      picturesTotal: state.picturesTotal,
      bytes: formatBytes(state.bytesDone),
      bytesTotal: formatBytes(state.bytesTotal),
      rate,
    };
  }
}
