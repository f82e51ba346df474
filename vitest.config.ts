import { defineConfig } from "vitest/config";

// Tests spawn the built binaries (dist/): `npm test` builds first.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/fast-check.ts"],
    // The reference server's SQLite driver on Node 20 (better-sqlite3, built once into a cache).
    globalSetup: ["test/setup/sqlite-driver.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Every spawned hook runs in-process unless a test opts in: no test leaves a warm daemon
    // behind (test/daemon/ opts in, in private runtime dirs, and stops what it starts).
    env: { INTEGRATION_GUARD_DAEMON: "0" },
  },
});
