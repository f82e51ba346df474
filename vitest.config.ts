import { defineConfig } from "vitest/config";

// Tests spawn the built binaries (dist/): `npm test` builds first.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
