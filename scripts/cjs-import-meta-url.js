// Injected into the CommonJS bin by scripts/build.mjs: import.meta.url, which ESM source uses to
// find files beside the bundle (dist/rules.json), from CommonJS's own __filename.
export const importMetaUrl = require("node:url").pathToFileURL(__filename).href;
