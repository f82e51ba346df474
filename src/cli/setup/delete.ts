/**
 * `integration-setup delete <provider> <org>`: deactivates the provider's credentials. Asks first
 * on a terminal; without a terminal it needs --yes (a script must say it means it).
 */
import { runApiCommand } from "./api-command.js";
import { confirm } from "./credential-input.js";
import { EXIT } from "../../core/setup-exit-codes.js";
import { type Io, colorsFor, isTty, writeLine } from "./io.js";
import { recordDeleted } from "./ledger.js";
import { API_OPTIONS, UsageError, clientFrom, expectPositionals, orgArg, providerArg } from "./options.js";

export const DELETE_HELP = `Usage: integration-setup delete <provider> <org> [--yes] [--json]

Deactivates every active credential of <provider> for <org>. Asks for confirmation on a terminal;
--yes skips the question and is required when stdin is not a terminal.`;

const DELETE_OPTIONS = { ...API_OPTIONS, yes: { type: "boolean", short: "y" } } as const;

export async function deleteCommand(args: string[], io: Io): Promise<number> {
  return runApiCommand({ name: "delete", help: DELETE_HELP, options: DELETE_OPTIONS }, args, io, async ({ values, positionals, json, scene, baseUrl }) => {
    const [providerName, org] = expectPositionals(positionals, ["provider", "org"]);
    const provider = providerArg(providerName!);
    scene.provider = provider;
    orgArg(org!);
    const client = await clientFrom(values, io);
    if (!values.yes) {
      if (!isTty(io.stdin)) throw new UsageError("refusing to delete without --yes when stdin is not a terminal");
      if (!(await confirm(`Delete the ${provider} credential of ${org}?`, io))) {
        writeLine(io.stderr, "not deleted");
        return EXIT.failed;
      }
    }
    const result = await client.delete(org!, provider);
    if (result.success) recordDeleted(io.env, baseUrl, org!, provider);
    if (json) writeLine(io.stdout, JSON.stringify(result, null, 2));
    else writeLine(io.stdout, `${result.provider}\t${result.success ? "deleted" : "not deleted"}`);
    const c = colorsFor(io.stderr, io.env);
    if (!result.success) {
      writeLine(io.stderr, `${c.red("✗")} ${result.message || "the API did not delete the credential"}`);
      return EXIT.failed;
    }
    writeLine(io.stderr, `${c.green("✓")} ${result.message || `${provider} credentials deactivated`}`);
    return EXIT.ok;
  });
}
