/** `integration-setup validate <provider> <org>`: re-checks the stored credential with the provider. */
import type { ProviderCode } from "../../api/providers.js";
import { EXIT } from "./exit-codes.js";
import { type Io, writeLine } from "./io.js";
import { API_OPTIONS, baseUrlOf, clientFrom, expectPositionals, orgArg, parseCommandArgs, providerArg } from "./options.js";
import { reportError } from "./report-error.js";
import { printResult } from "./setup.js";

export const VALIDATE_HELP = `Usage: integration-setup validate <provider> <org> [--json]

Asks the API to check <provider>'s stored credential with the provider again.
Exit codes: 0 VALID (or PENDING), 1 INVALID or error, 2 usage, 3 auth.`;

export async function validateCommand(args: string[], io: Io): Promise<number> {
  let json = false;
  let baseUrl: string | undefined;
  let provider: ProviderCode | undefined;
  try {
    const { values, positionals } = parseCommandArgs(args, API_OPTIONS);
    if (values.help) {
      writeLine(io.stdout, VALIDATE_HELP);
      return EXIT.ok;
    }
    json = values.json ?? false;
    baseUrl = baseUrlOf(values, io);
    const [providerName, org] = expectPositionals(positionals, ["provider", "org"]);
    provider = providerArg(providerName!);
    const client = await clientFrom(values, io);
    return printResult(await client.validate(orgArg(org!), provider), "validate", io, json);
  } catch (error) {
    return reportError(error, io, { command: "validate", json, ...(baseUrl ? { baseUrl } : {}), ...(provider ? { provider } : {}) });
  }
}
