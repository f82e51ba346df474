/** What the general-fact passes (this folder) share for one document. */
import type { EmbeddedText, Fact, FactRequest, GeneralFactKind } from "../../../core/types.js";
import type { StringFilter } from "../../fact-interest.js";
import type { Node } from "../ast.js";
import type { Constants } from "../constants.js";
import type { Model } from "../model.js";
import type { GeneralNodes } from "./nodes.js";
import type { Paths } from "./paths.js";
import type { Values } from "./values.js";

/** What the adapter hands to the general passes (general/index.ts). */
export interface GeneralInput {
  readonly text: string;
  readonly program: Node;
  readonly model: Model;
  readonly constants: Constants;
  readonly kinds: ReadonlySet<GeneralFactKind>;
  /** The whole request: its narrowing says which strings and calls' arguments rules can match (fact-interest.ts). */
  readonly request?: FactRequest;
  /** The document's absolute path (on disk, or where it would be), for resolving relative imports. */
  readonly file: string;
  /** The project root ImportFact.resolved is relative to (ExtractOptions.projectRoot, else project-root.ts). */
  readonly projectRoot: string;
  /** SQL texts the adapter hands to the SQL adapter (strings.ts reports them with role "sql"). */
  readonly embedded: readonly EmbeddedText[];
}

export interface GeneralContext extends GeneralInput {
  readonly nodes: GeneralNodes;
  readonly paths: Paths;
  readonly values: Values;
  /** Which string facts are worth making (FactRequest.strings). */
  readonly strings: StringFilter;
  readonly facts: Fact[];
}
