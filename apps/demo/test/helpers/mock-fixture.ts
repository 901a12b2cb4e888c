import { type RunningMock, startMock } from "@adultwork-api/mock";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { tempDir } from "./pictures.js";

export interface MockFixture {
  /** One recording mock for the whole file; `received` is emptied before each test. */
  readonly mock: RunningMock;
  /** A fresh temporary folder for each test, removed after it. */
  readonly dir: ReturnType<typeof tempDir>;
}

/** Registers the hooks that most CLI test files share: a mock, and a folder per test. */
export function useMockAndTempDir(): MockFixture {
  const fixture = {} as { mock: RunningMock; dir: ReturnType<typeof tempDir> };

  beforeAll(async () => {
    fixture.mock = await startMock({ record: true });
  });

  afterAll(async () => {
    await fixture.mock.close();
  });

  beforeEach(() => {
    fixture.dir = tempDir();
    fixture.mock.received.length = 0;
  });

  afterEach(() => fixture.dir.remove());

  return fixture;
}
