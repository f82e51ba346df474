/**
 * `integration-setup <provider> <org>`: stores a provider credential through the API. The
 * credential is read from --credential-file, stdin or a hidden prompt (credential-input.ts), checked
 * locally, and sent once; it is never printed.
 */
import type { SetupResult } from "../../client/index.js";
import { runApiCommand } from "./api-command.js";
import { readCredential, readJsonFile } from "./credential-input.js";
import { EXIT } from "../../core/setup-exit-codes.js";
import { type Io, colorsFor, writeLine } from "./io.js";
import { recordStored, storedSinceDelete } from "./ledger.js";
import { API_OPTIONS, clientFrom, expectPositionals, orgArg, providerArg } from "./options.js";

export const SETUP_HELP = `Usage: integration-setup <provider> <org> [--credential-file FILE] [--name NAME] [--metadata-file FILE] [--json]

Stores <provider>'s credential for <org> through the integrations API, which validates it with the
provider and keeps it encrypted. Providers: openai, anthropic, gemini, deepseek, gcp, aws, azure, oci.

The credential is read from (never from the command line):
  --credential-file FILE   a file (- for stdin); JSON credentials (gcp, aws, azure, oci) as the JSON document
  stdin                    when it is a pipe: pass-show openai | integration-setup openai acme
  a hidden prompt          on a terminal

Options:
  --name NAME              a label for the credential (3 to 200 characters)
  --metadata-file FILE     non-secret settings as a JSON object (e.g. billing_export_table, region)
  --base-url URL           default: INTEGRATIONS_API_URL, then http://localhost:8000
  --api-key-file FILE      the org's API key; default: INTEGRATIONS_API_KEY
  --json                   print the API's result as JSON

Exit codes: 0 stored and not rejected, 1 rejected (INVALID), not stored (FAILED) or error, 2 usage, 3 auth.`;

/** Setup's options; update takes the same (every field optional there). */
export const SETUP_OPTIONS = {
  ...API_OPTIONS,
  "credential-file": { type: "string" },
  name: { type: "string" },
  "metadata-file": { type: "string" },
} as const;

export async function setupCommand(providerName: string, args: string[], io: Io): Promise<number> {
  return runApiCommand({ name: "setup", help: SETUP_HELP, options: SETUP_OPTIONS }, args, io, async ({ values, positionals, json, scene, baseUrl }) => {
    const provider = providerArg(providerName);
    scene.provider = provider;
    const [org] = expectPositionals(positionals, ["org"]);
    orgArg(org!);
    const client = await clientFrom(values, io);
    const metadata = values["metadata-file"] ? await readJsonFile(values["metadata-file"], "--metadata-file") : undefined;
    const credential = await readCredential(provider, values["credential-file"], io);
    const result = await client.setup(org!, provider, {
      credential,
      ...(values.name !== undefined ? { credentialName: values.name } : {}),
      ...(metadata ? { metadata } : {}),
    });
    if (result.credential_id) {
      recordStored(io.env, baseUrl, org!, provider, { credential_id: result.credential_id, operation: "setup", at: new Date().toISOString() });
      warnIfStoredBefore(io, baseUrl, org!, provider);
    }
    return printResult(result, "setup", io, json);
  });
}

/**
 * The production service does not deactivate the previous credential on setup (nor on a PUT with a
 * credential): a second one from this machine since the provider's last delete is a second active row there.
 */
export function warnIfStoredBefore(io: Io, baseUrl: string, org: string, provider: string): void {
  const count = storedSinceDelete(io.env, baseUrl, org)[provider]?.length ?? 0;
  if (count < 2) return;
  const c = colorsFor(io.stderr, io.env);
  writeLine(
    io.stderr,
    `${c.yellow("!")} ${count} ${provider} credentials stored from this machine since its last delete: the production service keeps every one active (the reference server keeps one). 'integration-setup debug ${org}' tells; 'integration-setup delete' before a setup avoids it`,
  );
}

/**
 * Shared by setup and validate. A result counts as a success when the server says so AND the
 * status is not a rejection: production's /validate answers success:true with INVALID.
 */
export function printResult(result: SetupResult, verb: "setup" | "validate" | "update", io: Io, json: boolean): number {
  const ok = result.success && !["INVALID", "FAILED", "NOT_CONFIGURED", "EXPIRED"].includes(result.validation_status);
  if (json) writeLine(io.stdout, JSON.stringify(result, null, 2));
  else writeLine(io.stdout, `${result.provider}\t${result.validation_status}\t${result.credential_id ?? "-"}`);
  const c = colorsFor(io.stderr, io.env);
  if (ok) {
    writeLine(io.stderr, `${c.green("✓")} ${result.provider}: ${result.validation_status}${result.message ? ` (${result.message})` : ""}`);
    return EXIT.ok;
  }
  const why = result.validation_error ?? result.message ?? "";
  writeLine(io.stderr, `${c.red("✗")} ${result.provider}: ${result.validation_status}${why ? `: ${why}` : ""}`);
  if (result.validation_status === "INVALID") {
    writeLine(
      io.stderr,
      verb !== "validate"
        ? "  the provider rejected the credential; it was stored as INVALID. Check the key and run the setup again."
        : "  the provider rejects the stored credential. Rotate it, then run the setup again.",
    );
  } else if (result.validation_status === "FAILED") {
    writeLine(io.stderr, "  nothing was stored (format or encryption error). Check the credential's format.");
  } else if (result.validation_status === "NOT_CONFIGURED") {
    writeLine(io.stderr, `  no ${result.provider} credential is stored for this org, so there is nothing to validate: set it up first.`);
  }
  return EXIT.failed;
}
