/** `integration-setup validate <provider> <org>`: re-checks the stored credential with the provider. */
import { runApiCommand } from "./api-command.js";
import type { Io } from "./io.js";
import { API_OPTIONS, clientFrom, expectPositionals, orgArg, providerArg } from "./options.js";
import { printResult } from "./setup.js";

export const VALIDATE_HELP = `Usage: integration-setup validate <provider> <org> [--json]

Asks the API to check <provider>'s stored credential with the provider again.
Exit codes: 0 VALID (or PENDING), 1 INVALID or error, 2 usage, 3 auth.`;

export async function validateCommand(args: string[], io: Io): Promise<number> {
  return runApiCommand({ name: "validate", help: VALIDATE_HELP, options: API_OPTIONS }, args, io, async ({ values, positionals, json, scene }) => {
    const [providerName, org] = expectPositionals(positionals, ["provider", "org"]);
    const provider = providerArg(providerName!);
    scene.provider = provider;
    const client = await clientFrom(values, io);
    return printResult(await client.validate(orgArg(org!), provider), "validate", io, json);
  });
}
