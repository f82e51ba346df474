/** Paths as lint reports them: forward slashes on every platform. Kept apart so --staged loads no glob code. */
import { sep } from "node:path";

export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
