/**
 * `integration-setup update <provider> <org>`: changes a stored integration through PUT: a new
 * credential (from --credential-file or stdin, never argv), a new name, or new metadata. Sent once,
 * never retried after it may have reached the API (production inserts a new active row per PUT that
 * carries a credential). The client's warnings are printed: what production's answer does not say.
 */
import { runApiCommand } from "./api-command.js";
import { EXIT } from "../../core/setup-exit-codes.js";
import { readCredential, readJsonFile } from "./credential-input.js";
import { type Io, colorsFor, writeLine } from "./io.js";
import { recordStored } from "./ledger.js";
import { UsageError, clientFrom, expectPositionals, orgArg, providerArg } from "./options.js";
import { SETUP_OPTIONS, printResult, warnIfStoredBefore } from "./setup.js";

export const UPDATE_HELP = `Usage: integration-setup update <provider> <org> [--credential-file FILE] [--name NAME] [--metadata-file FILE] [--json]

Changes <provider>'s stored integration for <org> (PUT): a new credential (--credential-file, - for
stdin), a new name, new metadata, or several. At least one is needed.

Production replaces the stored metadata when a credential is sent (pass --metadata-file to keep
it), and answers VALID to a name/metadata-only update without checking: both are warned about.
Exit codes: 0 updated and not rejected, 1 rejected or error, 2 usage, 3 auth.`;


export async function updateCommand(args: string[], io: Io): Promise<number> {
  return runApiCommand({ name: "update", help: UPDATE_HELP, options: SETUP_OPTIONS }, args, io, async ({ values, positionals, json, scene, baseUrl }) => {
    const [providerName, org] = expectPositionals(positionals, ["provider", "org"]);
    const provider = providerArg(providerName!);
    scene.provider = provider;
    orgArg(org!);
    if (values["credential-file"] === undefined && values.name === undefined && values["metadata-file"] === undefined) {
      throw new UsageError("nothing to update: give --credential-file, --name and/or --metadata-file");
    }
    const client = await clientFrom(values, io);
    const metadata = values["metadata-file"] ? await readJsonFile(values["metadata-file"], "--metadata-file") : undefined;
    const credential = values["credential-file"] === undefined ? undefined : await readCredential(provider, values["credential-file"], io);
    const result = await client.update(org!, provider, {
      ...(credential !== undefined ? { credential } : {}),
      ...(values.name !== undefined ? { credentialName: values.name } : {}),
      ...(metadata ? { metadata } : {}),
    });
    if (credential !== undefined && result.credential_id) {
      recordStored(io.env, baseUrl, org!, provider, { credential_id: result.credential_id, operation: "update", at: new Date().toISOString() });
      warnIfStoredBefore(io, baseUrl, org!, provider);
    }
    const c = colorsFor(io.stderr, io.env);
    for (const warning of result.warnings) writeLine(io.stderr, `${c.yellow("!")} ${warning.message}`);
    if (result.warnings.some((w) => w.code === "status-not-checked") && result.success) {
      // The answer's VALID is not a check: do not present it as one.
      if (json) writeLine(io.stdout, JSON.stringify(result, null, 2));
      else writeLine(io.stdout, `${result.provider}\tUNCHECKED\t${result.credential_id ?? "-"}`);
      writeLine(io.stderr, `${c.green("✓")} ${result.provider}: updated; run 'integration-setup validate ${providerName} ${org}' for its real status`);
      return EXIT.ok;
    }
    return printResult(result, "update", io, json);
  });
}
