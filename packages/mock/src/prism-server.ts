import prismCore from "@stoplight/prism-core";
import prismHttp from "@stoplight/prism-http";
import prismServer from "@stoplight/prism-http-server";

export interface PrismServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts Prism in this process on a free loopback port, validating requests
 * (body and security) against the document and answering with its examples.
 */
export async function startPrism(specPath: string): Promise<PrismServer> {
  const operations = await prismHttp.getHttpOperationsFromSpec(specPath);

  const server = prismServer.createServer(operations, {
    cors: true,
    components: { logger: prismCore.createLogger("MOCK", { level: "silent" }) },
    config: {
      isProxy: false,
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      mock: { dynamic: false },
    },
  });

  const url = await server.listen(0, "127.0.0.1");

  return { url, close: () => server.close() };
}
