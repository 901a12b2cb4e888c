export * from "./fault-server.js";
export type { ReceivedRequest } from "./front-door.js";
export { bundledSpecPath } from "./spec-file.js";
export { type RunningMock, type StartMockOptions, startMock } from "./start-mock.js";
