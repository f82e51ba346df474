#!/usr/bin/env node
/**
 * `integration-setup`: the integrations API from a terminal (setup, status, debug, validate,
 * delete, serve). A thin entry; the commands live in setup/.
 */
import { processIo } from "./setup/io.js";
import { runIntegrationSetup } from "./setup/main.js";

runIntegrationSetup(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // No stack: it can quote values. The name and message are ours or Node's.
    process.stderr.write(`integration-setup: internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    process.exitCode = 1;
  },
);
