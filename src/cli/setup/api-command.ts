/**
 * The frame every command that talks to the API shares: strict argument parsing (secrets refused),
 * --help, --json and the base URL read once, and every failure reported the same way
 * (report-error.ts) with whatever the command learnt before failing (the provider, say).
 */
import { EXIT } from "../../core/setup-exit-codes.js";
import { type Io, writeLine } from "./io.js";
import { type API_OPTIONS, type ApiValues, baseUrlOf, parseCommandArgs } from "./options.js";
import { type ErrorScene, reportError } from "./report-error.js";

type Parsed<O extends typeof API_OPTIONS> = ReturnType<typeof parseCommandArgs<O>>;

export interface ApiCall<O extends typeof API_OPTIONS> {
  values: Parsed<O>["values"];
  positionals: string[];
  json: boolean;
  baseUrl: string;
  /** Set `scene.provider` as soon as it is known: error messages name it. */
  scene: ErrorScene;
}

export async function runApiCommand<O extends typeof API_OPTIONS>(
  command: { name: string; help: string; options: O },
  args: string[],
  io: Io,
  run: (call: ApiCall<O>) => Promise<number>,
): Promise<number> {
  const scene: ErrorScene = { command: command.name, json: false };
  try {
    const { values, positionals } = parseCommandArgs(args, command.options);
    // Every O extends API_OPTIONS; TypeScript cannot see those flags through the generic.
    const shared = values as { help?: boolean; json?: boolean } & ApiValues;
    if (shared.help) {
      writeLine(io.stdout, command.help);
      return EXIT.ok;
    }
    scene.json = shared.json ?? false;
    scene.baseUrl = baseUrlOf(shared, io);
    return await run({ values, positionals, json: scene.json, baseUrl: scene.baseUrl, scene });
  } catch (error) {
    return reportError(error, io, scene);
  }
}
