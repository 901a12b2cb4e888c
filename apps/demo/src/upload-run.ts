import type { CliOptions } from "./args.js";
import { type Captions, loadCaptions } from "./captions.js";
import { createPlanner, createUploader, planBatches } from "./clients.js";
import { discoverFiles } from "./discover-files.js";
import { startEmbeddedMock } from "./embedded-mock.js";
import type { RunEvent } from "./events.js";
import { EXIT } from "./exit-code.js";
import { type CheckedFile, inspectPictures } from "./inspect-pictures.js";
import { Interrupts } from "./interrupt.js";
import { Journal } from "./journal.js";
import { locateJournal } from "./journal-file.js";
import { JournalLock } from "./journal-lock.js";
import { fixForUnwritable, JournalWriteError } from "./journal-write-error.js";
import type { Logger } from "./logger.js";
import { planResume } from "./resume.js";
import { RunReport } from "./run-report.js";
import { sendPictures } from "./send-pictures.js";
import { refuseTwoStdinReaders } from "./stdin-readers.js";
import { resolveTarget, type Target } from "./targets.js";
import { MOCK_TOKEN, readToken } from "./token.js";
import { UsageError } from "./usage-error.js";

export interface RunContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin: NodeJS.ReadableStream;
}

/** One run of the command, from checked options to the exit code. */
export async function runUpload(
  options: CliOptions,
  logger: Logger,
  context: RunContext,
): Promise<number> {
  const member = options.member ?? null;

  // Everything that can be refused is checked before any file is read or request sent.
  const target = resolveTarget(options);
  refuseTwoStdinReaders(options, context.cwd);
  const token = await tokenFor(target, options, context);
  if (token) logger.redact(token);
  const captions = options.captionsPath
    ? await loadCaptions(options.captionsPath, context.cwd)
    : undefined;
  // The planner never sends: it gets the placeholder, so the token is held in one client.
  const planner = createPlanner(MOCK_TOKEN, member);

  const report = new RunReport(logger, {
    target: target.label,
    member,
    dryRun: options.dryRun,
    journal: options.dryRun ? null : options.journalPath,
  });
  const { emit } = report;
  let lock: JournalLock | undefined;
  // Listening before the lock is taken, so Ctrl-C from then on ends the run through `finally`.
  const interrupts = new Interrupts(
    (message) => emit({ event: "warning", code: "stopping", message }),
    () => {
      logger.stopProgress();
      lock?.release();
      process.exit(EXIT.interrupted);
    },
  );
  const finish = (outcomes: Parameters<RunReport["finish"]>[0], journalFailed = false) =>
    report.finish(outcomes, {
      interrupted: interrupts.stopRequested,
      strict: options.strict,
      journalFailed,
    });

  try {
    // Links are followed once, so that the lock and the journal are next to each other.
    const location = await locateJournal(options.journalPath);
    // A dry run writes no journal, so it takes no lock; it reads what whole lines there are.
    if (!options.dryRun) {
      lock = await JournalLock.take(location);
      reportStaleLock(lock, emit);
    }
    // Read only once the lock is held, so no other run changes it behind this one's back.
    const journal = await Journal.open(location, options.dryRun);
    reportCutShort(journal, emit);
    if (!options.dryRun) ensureWritable(journal);

    const { pictures, unsent } = await gatherPictures(options, context, {
      emit,
      captions,
      planner,
      interrupts,
    });
    reportUnusedCaptions(captions, emit);
    if (interrupts.stopRequested) {
      // Stopped while files were still being read: none was sent, and each is counted.
      for (const path of unsent) {
        emit({
          event: "skipped",
          path,
          code: "not-sent",
          reason: "not sent: the run was interrupted.",
        });
      }
      return finish({});
    }

    if (options.strict && report.hasInputProblems) {
      emit({
        event: "warning",
        code: "stopping",
        message:
          "--strict: nothing was sent because of the problems above. Fix them and run again.",
      });
      return finish({});
    }

    const resume = planResume(pictures, {
      journal,
      // The embedded mock starts empty every run: nothing in it was uploaded before.
      targetKey: target.kind === "mock" ? undefined : target.key,
      member,
      retryUnknown: options.retryUnknown,
    });
    for (const skip of resume.skipped) emit({ event: "skipped", ...skip });

    const planned = {
      alreadyUploaded: resume.alreadyUploaded,
      unknownLeftAlone: resume.unknownLeftAlone,
      toSend: resume.toSend.length,
    };

    if (options.dryRun) {
      const batches = await planBatches(planner, resume.toSend, options.maxRequestBytes);
      batches.forEach((batch, index) => {
        emit({
          event: "batch",
          batch: index + 1,
          pictures: batch.indexes.length,
          bytes: batch.bytes,
          files: batch.indexes.map((i) => resume.toSend[i]?.path ?? "?"),
        });
      });
      return finish({ ...planned, requests: batches.length });
    }

    if (resume.toSend.length === 0) return finish(planned);

    const mock = target.kind === "mock" ? await startEmbeddedMock() : undefined;
    try {
      const uploader = createUploader({
        token: token ?? MOCK_TOKEN,
        baseUrl: mock?.url ?? (target as Extract<Target, { kind: "remote" }>).baseUrl,
        member,
        timeoutMs: options.timeoutMs,
        debug: options.debug ? (line) => logger.debug(line) : undefined,
      });

      const sent = await sendPictures(resume.toSend, {
        uploader,
        journal,
        targetKey: target.key,
        server: target.kind === "remote" ? target.source : undefined,
        member,
        maxRequestBytes: options.maxRequestBytes,
        concurrency: options.concurrency,
        interrupts,
        emit,
        startProgress: (state) => logger.startProgress(state),
        progress: (state) => logger.progress(state),
      }).finally(() => logger.stopProgress());

      return finish({ ...planned, ...sent.tally }, sent.journalFailed);
    } finally {
      await mock?.close();
    }
  } finally {
    interrupts.dispose();
    lock?.release();
  }
}

function reportStaleLock(lock: JournalLock, emit: (event: RunEvent) => void): void {
  const message = lock.staleNotice();
  if (message !== undefined) emit({ event: "warning", code: "stale-lock", message });
}

async function tokenFor(target: Target, options: CliOptions, context: RunContext) {
  // A dry run sends nothing, so it needs no token; the mock takes any bearer token.
  if (target.kind === "mock" || options.dryRun) return undefined;

  return readToken(options.tokenStdin, context.env, context.stdin, target.label);
}

function reportCutShort(journal: Journal, emit: (event: RunEvent) => void): void {
  if (!journal.cutShort) return;

  emit({
    event: "warning",
    code: "journal-cut-short",
    message:
      `the journal ${journal.path} ends in a write that was cut off (a run was killed, or ` +
      "the machine stopped, while it was recording); the whole entries before it are " +
      "used, and a picture whose outcome was lost counts as unknown.",
  });
}

/** Also writes the journal whole once, so that each change after it is an append. */
function ensureWritable(journal: Journal): void {
  try {
    journal.record([]);
  } catch (error) {
    if (!(error instanceof JournalWriteError)) throw error;

    throw new UsageError(
      `--journal ${journal.path} cannot be written (${error.code}): ` +
        `${fixForUnwritable(error.code)}, or pass --journal with another path.`,
    );
  }
}

async function gatherPictures(
  options: CliOptions,
  context: RunContext,
  run: {
    emit(event: RunEvent): void;
    captions: Captions | undefined;
    planner: ReturnType<typeof createPlanner>;
    interrupts: Interrupts;
  },
): Promise<{ pictures: CheckedFile[]; unsent: string[] }> {
  const found = await discoverFiles(options.inputs, {
    recursive: options.recursive,
    cwd: context.cwd,
  });
  for (const skip of found.skipped) run.emit({ event: "skipped", ...skip });

  const refused = new Set<string>();
  const pictures = await inspectPictures(found.files, {
    captions: run.captions,
    description: options.description,
    planner: run.planner,
    maxRequestBytes: options.maxRequestBytes,
    onSkip: (skip) => {
      refused.add(skip.path);
      run.emit({ event: "skipped", ...skip });
    },
    stopped: () => run.interrupts.stopRequested,
  });

  // The files no skip has spoken for: checked, or not reached before a stop.
  const unsent = found.files.map((file) => file.path).filter((path) => !refused.has(path));
  return { pictures, unsent };
}

function reportUnusedCaptions(captions: Captions | undefined, emit: (event: RunEvent) => void) {
  for (const name of captions?.unused() ?? []) {
    emit({
      event: "warning",
      code: "caption-unused",
      message: `the captions name ${name}, which is not among the pictures: check the name.`,
    });
  }
}
