import { type ReceivedRequest, serverUrl, startFrontDoor } from "./front-door.js";
import { startPrism } from "./prism-server.js";
import { bundledSpecPath } from "./spec-file.js";

export interface StartMockOptions {
  /** Port on 127.0.0.1. @default 0 (any free port) */
  port?: number;
  /** Keep every request the mock receives in `received` (bodies included). @default false */
  record?: boolean;
  /** The OpenAPI document to serve. @default the bundled spec of `@adultwork-api/spec` */
  specPath?: string;
}

export interface RunningMock {
  /** Base URL to give the client, such as `http://127.0.0.1:4010`. */
  url: string;
  /** The requests received so far, oldest first; empty unless `record` is set. */
  received: ReceivedRequest[];
  /** Stops the mock and frees its ports. */
  close(): Promise<void>;
}

/** Starts the Prism mock on loopback and resolves once it accepts requests. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const received: ReceivedRequest[] = [];
  const prism = await startPrism(options.specPath ?? bundledSpecPath());

  try {
    const front = await startFrontDoor({
      port: options.port ?? 0,
      upstream: prism.url,
      onRequest: options.record ? (request) => received.push(request) : undefined,
    });

    const close = async () => {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await prism.close();
    };

    return { url: serverUrl(front), received, close };
  } catch (error) {
    // Without this, a taken port would leave Prism listening behind the caller.
    await prism.close();
    throw error;
  }
}
