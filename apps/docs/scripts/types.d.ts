// The few parts of an OpenAPI document and a Postman collection the build scripts touch.

export interface Operation {
  operationId?: string;
  description?: string;
  "x-codeSamples"?: CodeSample[];
  [key: string]: unknown;
}

export interface OpenApiDocument {
  info?: { title: string };
  paths?: Record<string, Record<string, Operation>>;
  tags?: { name: string }[];
  servers?: { url: string }[];
  [key: string]: unknown;
}

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export interface PostmanRequest {
  method: string;
  url: { host?: string[]; path?: string[]; raw?: string } | string;
  header?: { key: string; value: string; disabled?: boolean }[];
  body?: { mode?: string; raw?: string };
  auth?: unknown;
}

export interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: PostmanRequest;
}

export interface PostmanCollection {
  info: { name: string; schema: string };
  item: PostmanItem[];
  auth?: unknown;
  variable?: { key: string; value: string; type?: string; description?: string }[];
  [key: string]: unknown;
}
