#!/usr/bin/env node
// Placeholder: the integration-setup CLI is being written (issue 4).
process.stderr.write("integration-setup: not available yet\n");
process.exitCode = 2;
