import { type CliOptions, readArgs } from "./args.js";
import { EXIT } from "./exit-code.js";
import { usage } from "./help.js";
import { Logger, type OutputMode } from "./logger.js";
import { UsageError } from "./usage-error.js";

function outputMode(options: Pick<CliOptions, "json">): OutputMode {
  if (options.json) return "json";

  return process.stdout.isTTY && process.stderr.isTTY ? "tty" : "plain";
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const jsonWanted = argv.includes("--json");
  const fallbackLogger = () =>
    new Logger({
      mode: jsonWanted ? "json" : "plain",
      debug: false,
      stdout: process.stdout,
      stderr: process.stderr,
    });

  let options: CliOptions;
  try {
    options = readArgs(argv, process.env, process.cwd());
  } catch (error) {
    fallbackLogger().emit({ event: "error", code: "usage", message: (error as Error).message });
    return EXIT.usage;
  }

  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }

  const logger = new Logger({
    mode: outputMode(options),
    debug: options.debug,
    stdout: process.stdout,
    stderr: process.stderr,
  });

  try {
    // Loaded here so --help and usage errors do not pay for the client and the journal.
    const { runUpload } = await import("./upload-run.js");

    return await runUpload(options, logger, {
      env: process.env,
      cwd: process.cwd(),
      stdin: process.stdin,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      logger.emit({ event: "error", code: "usage", message: error.message });
      return EXIT.usage;
    }

    logger.emit({ event: "error", code: "internal", message: (error as Error).message });
    logger.debug((error as Error).stack ?? "");
    return EXIT.notAllUploaded;
  }
}

// A reader that goes away (`| head`, or a closed terminal: EIO) must not stop the upload:
// the journal keeps the truth.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "EIO") throw error;
  });
}

process.exitCode = await main();
