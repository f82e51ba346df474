/** `.integration-guard/config.yaml` (docs/rules.md "Project rules"), validated strictly like rule files. */
import * as z from "zod/mini";

export const ProjectConfigSchema = z.strictObject({
  /** Folders of rule files relative to the project root, or "builtin". Default: [builtin]. */
  packs: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** Per rule id: off, or a new severity. */
  rules: z.optional(z.record(z.string(), z.enum(["off", "warn", "block"]))),
});
