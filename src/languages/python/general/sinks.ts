/**
 * The Python calls the general facts give a role to, as data: HTTP calls and where their URL is
 * (StringFact role "url"), environment reads (MemberFact). Callees are paths after aliases
 * (paths.ts): an instance method is "<class path>.<method>" (`requests.Session().get` ->
 * "requests.Session.get").
 *
 * The one place the general facts read the adapter's call lists: HTTP methods and where their URL
 * is from the shared sink table (python/sinks.ts HTTP_METHODS, from languages/sinks/http-clients.ts);
 * SQL texts from embedded.ts (index.ts asks it).
 */
import { HTTP_METHODS } from "../sinks.js";

/** requests / httpx / aiohttp / urllib3 method -> position of the URL (or `url=`): `request(method, url)`. */
const REQUESTS_LIKE_URL: Readonly<Record<string, number>> = {
  ...Object.fromEntries([...HTTP_METHODS].map(([method, shape]) => [method, shape.url])),
  request: 1,
};

/**
 * HTTP client classes whose instances have the module's functions as methods: a call on one also
 * gets the module-level path, so a rule for `requests.*` or `httpx.*` covers
 * `requests.Session().get(...)` and `httpx.Client().post(...)` too.
 */
const CLIENT_CLASSES: ReadonlyMap<string, string> = new Map([
  ["requests.Session", "requests"],
  ["requests.session", "requests"],
  ["requests.sessions.Session", "requests"],
  ["httpx.Client", "httpx"],
  ["httpx.AsyncClient", "httpx"],
  ["aiohttp.ClientSession", "aiohttp"],
  ["urllib3.PoolManager", "urllib3"],
]);
/** The modules of CLIENT_CLASSES: every class path starts with one and a dot. */
const CLIENT_MODULES = [...new Set(CLIENT_CLASSES.values())];

/** Where the URL argument of an HTTP call is: its position (or the `url=` keyword); `scheme` for a host-only argument. */
export interface UrlArgument {
  index: number;
  keyword: string;
  /** http.client connections take a host: the URL is this scheme + "://" + host. */
  scheme?: "http" | "https";
  /** Also a URL: the base the client was made with (`httpx.Client(base_url=...)`), prefixed to relative URLs. */
  base?: boolean;
}

const URL_CALLS = new Map<string, UrlArgument>();
for (const module of ["requests", "httpx", "aiohttp", "urllib3"]) {
  for (const [method, index] of Object.entries(REQUESTS_LIKE_URL)) URL_CALLS.set(`${module}.${method}`, { index, keyword: "url" });
}
URL_CALLS.set("httpx.stream", { index: 1, keyword: "url" });
URL_CALLS.set("aiohttp.ws_connect", { index: 0, keyword: "url" });
URL_CALLS.set("urllib3.urlopen", { index: 1, keyword: "url" });
URL_CALLS.set("urllib.request.urlopen", { index: 0, keyword: "url" });
URL_CALLS.set("urllib.request.Request", { index: 0, keyword: "url" });
URL_CALLS.set("urllib.request.urlretrieve", { index: 0, keyword: "url" });
URL_CALLS.set("http.client.HTTPConnection", { index: 0, keyword: "host", scheme: "http" });
URL_CALLS.set("http.client.HTTPSConnection", { index: 0, keyword: "host", scheme: "https" });
URL_CALLS.set("http.client.HTTPConnection.request", { index: 1, keyword: "url", base: true });
URL_CALLS.set("http.client.HTTPSConnection.request", { index: 1, keyword: "url", base: true });
for (const client of ["httpx.Client", "httpx.AsyncClient"]) URL_CALLS.set(client, { index: -1, keyword: "base_url" });
URL_CALLS.set("aiohttp.ClientSession", { index: 0, keyword: "base_url" });

/**
 * `requests.Session.get` -> `requests.get`: the module-level path of an HTTP client's method.
 * (A Map: a plain object would also answer for "constructor", "toString"... of a path.)
 */
export function clientShortcut(path: string): string | undefined {
  // Asked of every callee path of a file: most start with no client module, and need no string cut.
  if (!CLIENT_MODULES.some((module) => path.startsWith(module) && path[module.length] === ".")) return undefined;
  const dot = path.lastIndexOf(".");
  if (dot < 0) return undefined;
  const module = CLIENT_CLASSES.get(path.slice(0, dot));
  return module ? `${module}.${path.slice(dot + 1)}` : undefined;
}

/**
 * Where the URL of a call with these callee paths (paths.ts, without client shortcuts) is, if it
 * is an HTTP call. A method of a client instance gets `base`: the client's base URL comes first.
 */
export function urlArgumentOf(callees: readonly string[]): UrlArgument | undefined {
  for (const callee of callees) {
    const found = URL_CALLS.get(callee);
    if (found) return found;
  }
  for (const callee of callees) {
    const shortcut = clientShortcut(callee);
    const found = shortcut ? URL_CALLS.get(shortcut) : undefined;
    if (found) return { ...found, base: true };
  }
  return undefined;
}

/** Keyword (or position) of the base URL a client constructor takes, for `base: true` calls. */
export function baseUrlOf(constructor: readonly string[]): UrlArgument | undefined {
  for (const callee of constructor) {
    const found = URL_CALLS.get(callee);
    if (found && (found.keyword === "base_url" || found.keyword === "host")) return found;
  }
  return undefined;
}

/** Environment reads by call: `os.getenv("X")`, `os.environ.get("X")` also read as the member `os.environ.X`. */
const ENV_CALLS = new Set(["os.getenv", "os.getenvb", "os.environ.get", "os.environ.pop", "os.environ.setdefault", "os.environb.get"]);
export const ENVIRONMENT = "os.environ";

export function isEnvironmentRead(callees: readonly string[]): boolean {
  return callees.some((c) => ENV_CALLS.has(c));
}
