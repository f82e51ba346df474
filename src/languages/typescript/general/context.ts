/** What the general-fact passes (this folder) share for one document. */
import type { EmbeddedText, Fact, GeneralFactKind } from "../../../core/types.js";
import type { Constants } from "../constants.js";
import type { Model } from "../model.js";
import type { GeneralNodes } from "./nodes.js";
import type { Paths } from "./paths.js";
import type { Values } from "./values.js";

export interface GeneralContext {
  readonly text: string;
  readonly model: Model;
  readonly constants: Constants;
  readonly nodes: GeneralNodes;
  readonly paths: Paths;
  readonly values: Values;
  readonly kinds: ReadonlySet<GeneralFactKind>;
  /** The document's absolute path (on disk or as if it were), for resolving relative imports. */
  readonly file: string;
  /** SQL texts the adapter hands to the SQL adapter (strings.ts reports them with role "sql"). */
  readonly embedded: readonly EmbeddedText[];
  readonly facts: Fact[];
}
