// oxc-parser's native binding, a subpath its package exports without type declarations (parse.ts).
declare module "oxc-parser/src-js/bindings.js" {
  export function parseSync(filename: string, sourceText: string, options?: unknown): unknown;
}
