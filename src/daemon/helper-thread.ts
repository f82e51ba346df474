/**
 * The daemon's helper thread (helper.ts): checks the file as it was before an edit while the
 * daemon's main thread checks it as it will be, so an Edit costs one check's time, not two.
 * Built-in rules only (like the memo); warmed up like the daemon itself.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Document } from "../core/types.js";
import { checkDocument } from "../engine/check.js";
import { preferRawTransfer } from "../languages/typescript/parse.js";
import { loadBuiltinRules } from "../rules/builtin.js";
import { IdleCollector } from "./idle-gc.js";
import { warmUp } from "./warm.js";

export interface HelperRequest {
  id: number;
  doc: Document;
}
export type HelperResponse = { id: number; fingerprints: string[] } | { id: number; error: string } | { ready: true };

const port = parentPort;
const garbage = new IdleCollector();
if (port) {
  preferRawTransfer(); // a long-lived thread: see parse.ts
  port.on("message", async ({ id, doc }: HelperRequest) => {
    garbage.cancel();
    let response: HelperResponse;
    try {
      response = { id, fingerprints: (await checkDocument(doc, loadBuiltinRules())).findings.map((f) => f.fingerprint) };
    } catch (error) {
      response = { id, error: (error as Error)?.message ?? String(error) };
    }
    port.postMessage(response);
    garbage.collectSoon();
  });
  warmUp((workerData as { dir: string }).dir)
    .catch(() => {}) // an optimisation: a cold helper is only slower
    .finally(() => port.postMessage({ ready: true } satisfies HelperResponse));
}
