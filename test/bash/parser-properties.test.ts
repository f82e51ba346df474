/**
 * Properties of the shell reading itself (in process: thousands of cases, no spawn), with the real
 * tree-sitter-bash parser:
 *   - any text: the parser answers (steps or "not valid shell") and the effects never throw;
 *   - a quoted heredoc, a single-quoted echo and a here-string give back exactly their text.
 * The end-to-end behaviour is in bash.test.ts, through the built binary.
 */
import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { shellEffects } from "../../src/sources/shell/effects.js";
import { loadShellParser, type ShellParse } from "../../src/sources/shell/parse.js";

const dir = mkdtempSync(join(tmpdir(), "ig-shell-"));
let parse: ShellParse;
beforeAll(async () => {
  parse = await loadShellParser();
});

function effectsOf(command: string) {
  const parsed = parse(command);
  if (!parsed.ok) throw new Error(`not valid shell: ${parsed.reason}\n${command}`);
  return shellEffects(parsed.steps, dir, parse);
}

const piece = fc.constantFrom(
  "cat", " > ", " >> ", "a.ts", "<<", "<<-", "<<<", "'EOF'", "EOF", "\n", "\t", " ", '"', "'", "$'", "\\", "$(", ")", "${", "}", "`",
  "|", "&&", "||", ";", "&", "(", ")", "2>&1", ">&2", "tee -a", "echo -e", "printf '%s%b'", "psql -c", "psql -f", "cd", "bash -c", "#", "$X", "*",
  "{", "if", "then", "fi", "for x in", "do", "done", '$"', "\\\n", "|&", "&>", ">|",
);
const command = fc.oneof(fc.string(), fc.array(piece, { maxLength: 30 }).map((p) => p.join("")));
const line = fc.string().filter((l) => !l.includes("\n") && !l.includes("\r") && l !== "EOF");

describe("shell parser properties", () => {
  it("answers every text, and its effects never throw", () => {
    fc.assert(
      fc.property(command, (text) => {
        const parsed = parse(text);
        if (parsed.ok) shellEffects(parsed.steps, dir, parse);
        else expect(parsed.reason).toMatch(/\S/);
      }),
      { numRuns: 3000 },
    );
  });

  it("a quoted heredoc writes exactly its lines", () => {
    fc.assert(
      // Known grammar gap (tree-sitter-bash 0.25.1): a body line starting with `\` can be read as a
      // continuation or an error (then the call is allowed with a note; docs/agents.md). Such lines
      // are left out here so the property stays about what the parser does read.
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }).filter((l) => l.every((x) => !/^[ \t]*\\/.test(x))), (lines) => {
        const body = `${lines.join("\n")}\n`;
        expect(effectsOf(`cat > out.ts <<'EOF'\n${body}EOF`).files.get(join(dir, "out.ts"))?.after?.value).toBe(body);
      }),
      { numRuns: 500 },
    );
  });

  it("echo of a single-quoted word and a here-string into tee give back the word", () => {
    // bash's echo takes a word like -n or -Ee as options, quoted or not.
    const word = fc.string().filter((w) => !w.includes("'") && !/^-[neE]+$/.test(w));
    fc.assert(
      fc.property(word, (w) => {
        expect(effectsOf(`echo '${w}' > e.ts`).files.get(join(dir, "e.ts"))?.after?.value).toBe(`${w}\n`);
        expect(effectsOf(`tee t.ts <<< '${w}'`).files.get(join(dir, "t.ts"))?.after?.value).toBe(`${w}\n`);
      }),
      { numRuns: 500 },
    );
  });
});
