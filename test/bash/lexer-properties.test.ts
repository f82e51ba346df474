/**
 * Properties of the shell reading itself (in process: thousands of cases, no spawn):
 *   - any text: lexCommands either returns or throws ShellLexError, and the effects never throw;
 *   - a quoted heredoc, a single-quoted echo and a here-string give back exactly their text.
 * The end-to-end behaviour is in bash.test.ts, through the built binary.
 */
import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shellEffects } from "../../src/sources/shell/effects.js";
import { lexCommands, ShellLexError } from "../../src/sources/shell/lexer.js";

const dir = mkdtempSync(join(tmpdir(), "ig-lexer-"));

const piece = fc.constantFrom(
  "cat", " > ", " >> ", "a.ts", "<<", "<<-", "<<<", "'EOF'", "EOF", "\n", "\t", " ", '"', "'", "$'", "\\", "$(", ")", "${", "}", "`",
  "|", "&&", "||", ";", "&", "(", ")", "2>&1", ">&2", "tee -a", "echo -e", "printf '%s%b'", "psql -c", "psql -f", "cd", "bash -c", "#", "$X", "*",
);
const command = fc.oneof(fc.string(), fc.array(piece, { maxLength: 30 }).map((p) => p.join("")));
const line = fc.string().filter((l) => !l.includes("\n") && l !== "EOF");

describe("shell lexer properties", () => {
  it("never throws anything but ShellLexError, and its effects never throw", () => {
    fc.assert(
      fc.property(command, (text) => {
        let commands;
        try {
          commands = lexCommands(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ShellLexError);
          return;
        }
        shellEffects(commands, dir);
      }),
      { numRuns: 3000 },
    );
  });

  it("a quoted heredoc writes exactly its lines", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const body = `${lines.join("\n")}\n`;
        const effects = shellEffects(lexCommands(`cat > out.ts <<'EOF'\n${body}EOF`), dir);
        expect(effects.files.get(join(dir, "out.ts"))?.after?.value).toBe(body);
      }),
      { numRuns: 500 },
    );
  });

  it("echo of a single-quoted word and a here-string into tee give back the word", () => {
    // bash's echo takes a word like -n or -Ee as options, quoted or not.
    const word = fc.string().filter((w) => !w.includes("'") && !/^-[neE]+$/.test(w));
    fc.assert(
      fc.property(word, (w) => {
        const echo = shellEffects(lexCommands(`echo '${w}' > e.ts`), dir);
        expect(echo.files.get(join(dir, "e.ts"))?.after?.value).toBe(`${w}\n`);
        const tee = shellEffects(lexCommands(`tee t.ts <<< '${w}'`), dir);
        expect(tee.files.get(join(dir, "t.ts"))?.after?.value).toBe(`${w}\n`);
      }),
      { numRuns: 500 },
    );
  });
});
