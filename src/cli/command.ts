/** What every CLI command file exports by default, and the documented exit codes. */
export type Command = (args: string[]) => Promise<number>;

export { EXIT } from "../core/exit-codes.js";
