import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `npm run test:agents`: the real Claude Code, Gemini CLI and Codex CLI binaries (scripts/install-agents.mjs
// caches them outside the repository) in a user project made from `npm pack`. Not part of `npm test`:
// it needs the pinned clients and takes minutes. One client at a time: each run already spawns a
// hook process per tool call on a shared machine.
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test-agents/**/*.test.ts"],
    globalSetup: ["test-agents/global-setup.ts"],
    testTimeout: 240_000,
    hookTimeout: 900_000,
    pool: "forks",
    fileParallelism: false,
    // The hook in-process, as in the main suite: no warm daemon is left behind by a test run.
    env: { INTEGRATION_GUARD_DAEMON: "0" },
  },
});
