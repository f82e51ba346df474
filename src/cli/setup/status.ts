/** `integration-setup status <org>`: every provider's status, as a table or JSON. */
import { PROVIDER_CODES, REGISTRY_ONLY_PROVIDERS } from "../../api/providers.js";
import type { IntegrationList } from "../../client/index.js";
import { EXIT } from "../../core/setup-exit-codes.js";
import { type Colors, type Io, colorsFor, writeLine } from "./io.js";
import { API_OPTIONS, baseUrlOf, clientFrom, expectPositionals, orgArg, parseCommandArgs } from "./options.js";
import { reportError } from "./report-error.js";
import { oneLine, renderTable } from "./table.js";

export const STATUS_HELP = `Usage: integration-setup status <org> [--json] [--base-url URL] [--api-key-file FILE]

Shows every provider's credential status for an org: status, credential name, last validation,
last error. --json prints the API's answer as is.`;

export async function statusCommand(args: string[], io: Io): Promise<number> {
  let json = false;
  let baseUrl: string | undefined;
  try {
    const { values, positionals } = parseCommandArgs(args, API_OPTIONS);
    if (values.help) return help(io);
    json = values.json ?? false;
    baseUrl = baseUrlOf(values, io);
    const [org] = expectPositionals(positionals, ["org"]);
    const client = await clientFrom(values, io);
    const list = await client.list(orgArg(org!));
    if (json) writeLine(io.stdout, JSON.stringify(list, null, 2));
    else writeLine(io.stdout, statusTable(list, colorsFor(io.stdout, io.env)));
    for (const [code, meaning] of Object.entries(REGISTRY_ONLY_PROVIDERS)) {
      if (!json && list.integrations[code]) writeLine(io.stderr, `${code}: ${meaning}`);
    }
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io, { command: "status", json, ...(baseUrl ? { baseUrl } : {}) });
  }
}

function help(io: Io): number {
  writeLine(io.stdout, STATUS_HELP);
  return EXIT.ok;
}

export function statusTable(list: IntegrationList, c: Colors): string {
  // The eight known providers first, in their usual order, then anything the server added.
  const codes = [...PROVIDER_CODES, ...Object.keys(list.integrations).filter((k) => !(PROVIDER_CODES as readonly string[]).includes(k))];
  const rows = codes.map((code) => {
    const entry = list.integrations[code];
    if (!entry) return [code, "(missing)", "-", "-", "-"];
    const validated = entry.last_validated_at ?? (entry.status === "NOT_CONFIGURED" ? "-" : "never");
    return [code, entry.status, entry.credential_name ?? "-", validated, oneLine(entry.last_error)];
  });
  return renderTable(["PROVIDER", "STATUS", "NAME", "LAST VALIDATED", "LAST ERROR"], rows, (column, cell) =>
    column === 1 ? paintStatus(cell, c) : cell,
  );
}

export function paintStatus(status: string, c: Colors): string {
  if (status === "VALID") return c.green(status);
  if (status === "PARTIAL_VALID" || status === "PENDING") return c.yellow(status);
  if (status === "NOT_CONFIGURED") return c.dim(status);
  return c.red(status);
}
