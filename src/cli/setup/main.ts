/**
 * integration-setup's dispatcher: `status`, `debug`, `validate`, `delete`, `serve`, or a provider
 * name (setup). Each command is its own file in this folder.
 */
import { resolveProvider } from "../../api/providers.js";
import { debugCommand } from "./debug.js";
import { deleteCommand } from "./delete.js";
import { EXIT } from "../../core/setup-exit-codes.js";
import { EXPLANATION } from "./explain.js";
import { type Io, writeLine } from "./io.js";
import { UsageError, shown } from "./options.js";
import { reportError } from "./report-error.js";
import { serveCommand } from "./serve.js";
import { setupCommand } from "./setup.js";
import { statusCommand } from "./status.js";
import { updateCommand } from "./update.js";
import { validateCommand } from "./validate.js";
import { VERSION } from "../../core/version.js";


export async function runIntegrationSetup(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  switch (name) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      writeLine(io.stdout, EXPLANATION);
      return EXIT.ok;
    case "--version":
    case "-v":
      writeLine(io.stdout, VERSION);
      return EXIT.ok;
    case "status":
      return statusCommand(args, io);
    case "debug":
      return debugCommand(args, io);
    case "validate":
      return validateCommand(args, io);
    case "delete":
      return deleteCommand(args, io);
    case "update":
      return updateCommand(args, io);
    case "serve":
      return serveCommand(args);
  }
  if (resolveProvider(name)) return setupCommand(name, args, io);
  const problem = name.startsWith("-")
    ? new UsageError(`unknown option ${shown(name.split("=")[0] ?? "")} (run 'integration-setup' for usage)`)
    : new UsageError(`unknown command or provider ${shown(name)} (run 'integration-setup' for usage)`);
  return reportError(problem, io, { command: "", json: args.includes("--json") });
}
