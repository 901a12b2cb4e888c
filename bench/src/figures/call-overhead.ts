import { Agent, request } from "node:http";
import { createClient, type paths } from "@adultwork-api/client";
import axios from "axios";
import ky from "ky";
import createFetchClient from "openapi-fetch";
import type { Figure } from "../figure.js";
import { rotated, spreadOf } from "../stats.js";

const PATH = "/v1/Pictures/AddFreePictures";
const TOKEN = "bench-token";
// One picture whose image is the smallest complete JPEG: start and end markers.
const BODY = { Pictures: [{ Description: "bench", Image: "/9j/2Q==" }] };

type Call = () => Promise<unknown>;

const freshConnections = new Agent({ keepAlive: false });

/** One POST through node:http, the answer read to its end; `agent` picks the connection. */
function postOverNodeHttp(
  url: string,
  headers: Record<string, string>,
  body: string,
  agent?: Agent,
) {
  return new Promise<void>((resolve, reject) => {
    const outgoing = request(url, { method: "POST", headers, agent }, (answer) => {
      answer.on("data", () => {});
      answer.on("end", resolve);
      answer.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

function contenders(baseUrl: string): Record<string, Call> {
  const url = `${baseUrl}${PATH}`;
  const json = JSON.stringify(BODY);
  const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
  const client = createClient({ accessToken: TOKEN, baseUrl });
  const clientOverFetch = createClient({ accessToken: TOKEN, baseUrl, fetch: globalThis.fetch });
  const lengthed = { ...headers, "Content-Length": String(Buffer.byteLength(json)) };
  const typed = createFetchClient<paths>({
    baseUrl,
    headers: { Authorization: headers.Authorization },
  });
  const axiosInstance = axios.create({ baseURL: baseUrl, headers });
  const kyInstance = ky.create({ prefixUrl: baseUrl, headers, retry: 0 });

  return {
    "raw fetch": async () => {
      const response = await fetch(url, { method: "POST", headers, body: json });
      await response.arrayBuffer();
    },
    "raw node:http": () => postOverNodeHttp(url, lengthed, json),
    "raw node:http, fresh": () => postOverNodeHttp(url, lengthed, json, freshConnections),
    client: () => client.addFreePictures(BODY),
    "client over fetch": () => clientOverFetch.addFreePictures(BODY),
    "openapi-fetch": () => typed.POST(PATH, { body: BODY }),
    axios: () => axiosInstance.post(PATH, BODY),
    ky: () => kyInstance.post(PATH.slice(1), { json: BODY }).arrayBuffer(),
  };
}

async function perCallMicros(call: Call, calls: number): Promise<number> {
  const start = performance.now();
  for (let index = 0; index < calls; index += 1) await call();

  return ((performance.now() - start) * 1000) / calls;
}

export interface CallOverheadSize {
  rounds: number;
  callsPerBlock: number;
}

/**
 * Each round runs a block of sequential calls per contender, in a rotated order,
 * and compares each block with the raw fetch block of the same round.
 */
export async function callOverhead(baseUrl: string, size: CallOverheadSize): Promise<Figure[]> {
  const calls = contenders(baseUrl);
  const names = Object.keys(calls);
  const micros: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const ratios: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));

  // Warm-up: connections open, code compiled, before anything counts.
  for (const name of names) await perCallMicros(calls[name] as Call, size.callsPerBlock);

  for (let round = 0; round < size.rounds; round += 1) {
    const times: Record<string, number> = {};
    for (const name of rotated(names, round)) {
      times[name] = await perCallMicros(calls[name] as Call, size.callsPerBlock);
    }
    for (const name of names) {
      micros[name]?.push(times[name] ?? Number.NaN);
      ratios[name]?.push((times[name] ?? Number.NaN) / (times["raw fetch"] ?? Number.NaN));
    }
  }

  const raw = spreadOf(micros["raw fetch"] ?? []);
  const ratioFigure = (name: string, label: string, about?: string): Figure => ({
    name: `small call: ${label}`,
    against: "raw fetch, same round",
    unit: "x",
    spread: spreadOf(ratios[name] ?? []),
    note: [`${spreadOf(micros[name] ?? []).median.toFixed(0)} µs per call`, about]
      .filter(Boolean)
      .join("; "),
  });

  return [
    {
      name: "small call: raw fetch",
      against: "-",
      unit: "µs",
      spread: raw,
      note: "loopback, 200 with an empty body",
    },
    {
      ...ratioFigure("client", "client.addFreePictures"),
      goal: { text: "<= 1.05x", pass: (median) => median <= 1.05 },
    },
    ratioFigure("raw node:http", "raw node:http", "what the Node entry sends through"),
    ratioFigure("raw node:http, fresh", "raw node:http, a connection per call"),
    ratioFigure("client over fetch", "client given fetch", "the client as browsers run it"),
    ratioFigure("openapi-fetch", "openapi-fetch alone"),
    ratioFigure("axios", "axios"),
    ratioFigure("ky", "ky"),
  ];
}
