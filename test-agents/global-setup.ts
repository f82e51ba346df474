/**
 * Once per `npm run test:agents`: the pinned clients (installed or reused from the cache by
 * scripts/install-agents.mjs), and a user project made the way a user makes one: this checkout
 * packed with `npm pack`, installed with `npm install --save-dev <tarball>` into a fresh git
 * repository whose path contains a space. Each test file copies that project (installing takes
 * minutes; copying, a second) and registers the guard in its copy with `integration-guard install`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { PREFERENCES, PREFERENCES_FILE, SETTINGS, SETTINGS_FILE } from "./helpers/cases.js";
import type { InstalledClient } from "./helpers/clients.js";

const CHECKOUT = fileURLToPath(new URL("..", import.meta.url));

declare module "vitest" {
  export interface ProvidedContext {
    clients: InstalledClient[];
    /** The installed user project, to be copied (never changed) by the tests. */
    templateProject: string;
  }
}

function run(command: string, args: string[], cwd: string, timeoutMinutes: number): string {
  process.stderr.write(`test:agents setup: ${command} ${args.join(" ")}\n`);
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: timeoutMinutes * 60_000 });
}

export default function setup(project: TestProject): () => void {
  const clients = JSON.parse(run(process.execPath, [join(CHECKOUT, "scripts/install-agents.mjs"), "--json"], CHECKOUT, 30)) as InstalledClient[];

  // While working on the tests themselves: INTEGRATION_GUARD_AGENTS_TEMPLATE=<dir> keeps the installed
  // project there and reuses it on the next run (its package is then the one packed the first time).
  const kept = process.env.INTEGRATION_GUARD_AGENTS_TEMPLATE;
  if (kept && existsSync(join(kept, "user project", "node_modules", "integration-guard"))) {
    project.provide("clients", clients);
    project.provide("templateProject", join(kept, "user project"));
    return () => {};
  }
  const work = kept ? (mkdirSync(kept, { recursive: true }), kept) : mkdtempSync(join(tmpdir(), "ig-agents-"));
  const packDir = join(work, "pack");
  mkdirSync(packDir, { recursive: true });
  // `npm pack` runs `prepare` (the build): the tarball is what a user would download.
  run("npm", ["pack", "--silent", "--pack-destination", packDir], CHECKOUT, 10);
  const tarball = join(packDir, readdirSync(packDir).find((name) => name.endsWith(".tgz"))!);

  const template = join(work, "user project");
  rmSync(template, { recursive: true, force: true });
  mkdirSync(template);
  writeFileSync(join(template, "package.json"), `${JSON.stringify({ name: "user-project", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  writeFileSync(join(template, ".gitignore"), "node_modules/\n");
  mkdirSync(join(template, "src"));
  writeFileSync(join(template, SETTINGS_FILE), SETTINGS);
  writeFileSync(join(template, PREFERENCES_FILE), PREFERENCES);
  run("git", ["init", "-q", "-b", "main"], template, 1);
  run("npm", ["install", "--save-dev", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], template, 20);
  const git = ["-c", "user.name=Test", "-c", "user.email=test@example.com"];
  run("git", ["add", "-A"], template, 1);
  run("git", [...git, "commit", "-q", "-m", "user project with integration-guard"], template, 1);

  project.provide("clients", clients);
  project.provide("templateProject", template);
  return () => {
    if (!kept) rmSync(work, { recursive: true, force: true });
  };
}
