/** The package version, set by the build (scripts/build.mjs `define`); "0.0.0-dev" from source. */
declare const __VERSION__: string | undefined;
export const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";
