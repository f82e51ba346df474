/**
 * Pathname expansion as bash does it, against the real file system: `src/*.ts`, `lib/[ab]?.py`.
 * The pattern comes from tree.ts (ShellWord.glob: quoted characters backslash-escaped). A pattern
 * that matches nothing stays the word itself (bash without nullglob). `*` and `?` do not match a
 * leading `.` nor `/`; results are sorted. Bounded, so a `/**` cannot walk the disk.
 */
import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

const MAX_MATCHES = 2_000;

/** The words the pattern expands to (relative patterns give relative paths, as in bash). */
export function expandGlob(pattern: string, cwd: string): string[] {
  const absolute = isAbsolute(pattern);
  const segments = pattern.split("/");
  let paths = [absolute ? "/" : ""];
  for (const [index, segment] of segments.entries()) {
    if (segment === "" && index > 0) continue;
    if (segment === "" && index === 0) continue;
    const next: string[] = [];
    if (!hasMagic(segment)) {
      for (const path of paths) next.push(path === "" ? unescape(segment) : join(path, unescape(segment)));
    } else {
      const re = segmentRegExp(segment);
      for (const path of paths) {
        for (const name of list(absolute || path !== "" ? (absolute ? path : join(cwd, path)) : cwd)) {
          if (name.startsWith(".") && !segment.startsWith(".") && !segment.startsWith("\\.")) continue;
          if (re.test(name)) next.push(path === "" ? name : join(path, name));
          if (next.length > MAX_MATCHES) return [unescape(pattern)];
        }
      }
    }
    paths = next;
    if (paths.length === 0) break;
  }
  if (pattern.endsWith("/")) paths = paths.map((p) => `${p}/`);
  const found = paths.filter((p) => p !== "" && exists(absolute ? p : join(cwd, p)));
  return found.length > 0 ? found.sort() : [unescape(pattern)];
}

function hasMagic(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] === "\\") i++;
    else if (segment[i] === "*" || segment[i] === "?" || segment[i] === "[") return true;
  }
  return false;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, "$1");
}

function segmentRegExp(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === "\\" && i + 1 < segment.length) source += escapeRegExp(segment[++i]!);
    else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith("!") || body.startsWith("^");
      if (negated) body = body.slice(1);
      source += `[${negated ? "^" : ""}${bracketBody(body)}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`);
}

/** The inside of `[...]` as a RegExp class: POSIX classes expanded, the rest literal. */
function bracketBody(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const named = /^\[:(\w+):\]/.exec(body.slice(i));
    if (named) {
      out += POSIX_CLASSES[named[1]!] ?? "";
      i += named[0].length - 1;
    } else if (body[i] === "-" && i > 0 && i < body.length - 1) out += "-";
    else out += body[i] === "\\" && i + 1 < body.length ? escapeRegExp(body[++i]!) : escapeRegExp(body[i]!);
  }
  return out;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: "a-zA-Z", digit: "0-9", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v", xdigit: "0-9A-Fa-f", punct: "!-/:-@\\[-`{-~", word: "\\w",
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}
