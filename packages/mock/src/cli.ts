import { parseArgs } from "node:util";
import { isFetchBlockedPort } from "./fetch-blocked-ports.js";
import { startMock } from "./start-mock.js";

const usage = `Usage: adultwork-mock [--port N]

Serves the AdultWork.com Pictures API mock on 127.0.0.1 until Ctrl-C.

  --port N   port to listen on (default 4010; 0 picks a free one)
  --help     show this help`;

function fail(message: string): never {
  process.stderr.write(`adultwork-mock: ${message}\n`);
  process.exit(2);
}

function readPort(): number | undefined {
  try {
    const { values } = parseArgs({
      options: { port: { type: "string" }, help: { type: "boolean" } },
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return undefined;
    }

    const text = values.port ?? "4010";
    const port = Number(text);
    if (!/^\d+$/.test(text) || port > 65_535) {
      fail(`--port ${text} is not a port number: use a whole number from 0 to 65535.`);
    }

    return port;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${usage}`);
  }
}

async function main(): Promise<void> {
  const port = readPort();
  if (port === undefined) return;

  const mock = await startMock({ port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") {
      fail(
        `port ${port} on 127.0.0.1 is taken: stop what uses it, or pass --port with another number.`,
      );
    }
    fail(error.message);
  });

  if (isFetchBlockedPort(port)) {
    process.stderr.write(
      `adultwork-mock: warning: fetch (in Node and browsers) refuses port ${port}, so ` +
        "browsers and fetch-based code cannot reach this mock; curl and the client's Node " +
        "entry can. Pass --port 4010 or another free port.\n",
    );
  }

  // Ctrl-C under pnpm comes twice: from the terminal, and passed on by pnpm. Both stop
  // the mock once; a second left to Node's default would end it by signal, which pnpm
  // reports as a failure. A SIGTERM while stopping ends the process at once instead, so
  // a close that hangs never needs SIGKILL; the mock keeps nothing that could be lost.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (signal !== "SIGTERM") return;
      process.stderr.write("adultwork-mock: SIGTERM while stopping: stopped at once.\n");
      process.exit(0);
    }

    stopping = true;
    mock.close().then(
      () => process.exit(0),
      (error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        process.stderr.write(
          `adultwork-mock: the mock did not close cleanly (${why}); its ports are ` +
            "freed as the process ends.\n",
        );
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  // Announced once the signals are handled, so one sent on seeing this line stops the mock
  // as above rather than kill it. A reader that stops reading (`| head -1`) must not take
  // the mock down with EPIPE.
  process.stdout.on("error", () => {});
  process.stdout.write(
    `Mock AdultWork.com API listening on ${mock.url}\n` +
      `Try: POST ${mock.url}/v1/Pictures/AddFreePictures (Ctrl-C stops)\n`,
  );
}

await main();
