#!/usr/bin/env node
/**
 * Installs the pinned agent CLIs that `npm run test:agents` drives, into a cache folder outside
 * the repository (never package.json dependencies): $INTEGRATION_GUARD_AGENTS_CACHE, else
 * $XDG_CACHE_HOME/integration-guard-agents, else ~/.cache/integration-guard-agents, one folder per
 * `<name>@<version>`. A folder with a finished install (its `.installed` marker) is reused as it is,
 * so CI pays the download once per cache.
 *
 *   node scripts/install-agents.mjs [--json]   prints each client's folder and binary
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The versions the suite is written against (docs/agents.md records what each one does). */
export const AGENT_CLIENTS = {
  claude: { pkg: "@anthropic-ai/claude-code", version: "2.1.328", bin: "node_modules/.bin/claude" },
  gemini: { pkg: "@google/gemini-cli", version: "0.61.0", bin: "node_modules/.bin/gemini" },
  codex: { pkg: "@openai/codex", version: "0.169.0", bin: "node_modules/.bin/codex" },
};

export function agentsCacheDir() {
  if (process.env.INTEGRATION_GUARD_AGENTS_CACHE) return process.env.INTEGRATION_GUARD_AGENTS_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "integration-guard-agents");
}

/** Installs one client unless its folder already holds a finished install; returns its paths. */
export function installAgent(name) {
  const { pkg, version, bin } = AGENT_CLIENTS[name];
  const dir = join(agentsCacheDir(), `${pkg.replace("/", "+")}@${version}`);
  const marker = join(dir, ".installed");
  if (!existsSync(marker)) {
    // A half-finished install (interrupted download) is started over, not trusted.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "agent-cache", private: true }) + "\n");
    process.stderr.write(`installing ${pkg}@${version} into ${dir}\n`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error", `${pkg}@${version}`], {
      cwd: dir,
      stdio: ["ignore", "inherit", "inherit"],
      timeout: 15 * 60_000,
    });
    writeFileSync(marker, `${pkg}@${version}\n`);
  }
  return { name, pkg, version, dir, bin: join(dir, bin) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const installed = (names.length > 0 ? names : Object.keys(AGENT_CLIENTS)).map(installAgent);
  if (process.argv.includes("--json")) process.stdout.write(JSON.stringify(installed, null, 2) + "\n");
  else for (const client of installed) process.stdout.write(`${client.pkg}@${client.version}\t${client.bin}\n`);
}
