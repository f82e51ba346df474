/** HTTP clients that may call PostgREST (`/rest/v1/<table>`): sink-table rows, shapes in types.ts. */
import type { HttpMethodShape, HttpSink } from "./types.js";

const TS = ["typescript"] as const;
const PY = ["python"] as const;

export const AXIOS_LIKE: Readonly<Record<string, HttpMethodShape>> = {
  get: { url: 0, options: 1, verb: "GET" },
  delete: { url: 0, options: 1, verb: "DELETE" },
  head: { url: 0, options: 1, verb: "HEAD" },
  post: { url: 0, body: 1, options: 2, verb: "POST" },
  put: { url: 0, body: 1, options: 2, verb: "PUT" },
  patch: { url: 0, body: 1, options: 2, verb: "PATCH" },
  request: { url: 0, options: 0 },
};
export const KY_LIKE: Readonly<Record<string, HttpMethodShape>> = {
  get: { url: 0, options: 1, verb: "GET" },
  delete: { url: 0, options: 1, verb: "DELETE" },
  post: { url: 0, options: 1, verb: "POST" },
  put: { url: 0, options: 1, verb: "PUT" },
  patch: { url: 0, options: 1, verb: "PATCH" },
};
/** requests / httpx / aiohttp: the URL first (or `url=`), the body in `json=` / `data=` / `content=`, `params=`. */
const REQUESTS_LIKE: Readonly<Record<string, HttpMethodShape>> = {
  get: { url: 0, verb: "GET" },
  head: { url: 0, verb: "HEAD" },
  options: { url: 0, verb: "OPTIONS" },
  post: { url: 0, verb: "POST" },
  put: { url: 0, verb: "PUT" },
  patch: { url: 0, verb: "PATCH" },
  delete: { url: 0, verb: "DELETE" },
  request: { url: 1, method: 0 },
};

export const HTTP_CLIENTS: readonly HttpSink[] = [
  { languages: TS, callee: "fetch", call: { url: 0, options: 1 }, library: "fetch" },
  { languages: TS, callee: "$fetch", call: { url: 0, options: 1 }, library: "ofetch" },
  { languages: TS, callee: "ofetch", call: { url: 0, options: 1 }, library: "ofetch" },
  { languages: TS, callee: "axios", call: { url: 0, options: 1 }, methods: AXIOS_LIKE, library: "axios" },
  { languages: TS, callee: "ky", call: { url: 0, options: 1 }, methods: KY_LIKE, library: "ky" },
  { languages: TS, callee: "got", call: { url: 0, options: 1 }, methods: KY_LIKE, library: "got" },
  { languages: PY, callee: "*", methods: REQUESTS_LIKE, library: "requests, httpx, aiohttp (module functions and sessions / clients)" },
];
