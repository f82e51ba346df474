/**
 * Python constants imported from the project's other modules, read from disk (modules.ts,
 * module-paths.ts): real files in temp folders, each document checked through the engine with the
 * built-in rules at its path among them. Findings by line, column and rule; clean look-alikes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../../src/engine/check.js";
import { extractPython } from "../../../src/languages/python/index.js";
import { pythonImportsMayMatter } from "../../../src/languages/python/module-paths.js";
import { project as tree } from "../../helpers/hook.js";
import { builtinRules, describeFacts, SERVICE, TABLE, WRITE } from "../sql/helpers.js";

const T = "cloud_provider_integrations";

const root = tree({
  "pyproject.toml": "[project]\nname = 'app'\n",
  "app/__init__.py": "",
  "app/config.py": `INTEGRATIONS_TABLE = "${T}"\nMEMBERS_TABLE = "org_members"\nSTATUS_COLUMN = "integration_openai_status"\nROW = {"integration_gcp_status": "VALID"}\n`,
  "app/settings.py": `TABLE = "${T}"\nOTHER = "org_members"\n`,
  "app/constants.py": `from .config import INTEGRATIONS_TABLE as _T\nTABLE = _T\nPREFIX = "cloud_provider"\nDERIVED = f"{PREFIX}_integrations"\n`,
  "app/db/__init__.py": `from .tables import *\nfrom .tables import Tables as T2, INTEGRATIONS_TABLE as LEGACY\nfrom . import tables\n`,
  "app/db/tables.py": [
    `import enum`,
    `INTEGRATIONS_TABLE = "${T}"`,
    `OLD_NAME = "${T}"`,
    `class Tables:`,
    `    INTEGRATIONS = "${T}"`,
    `    MEMBERS = "org_members"`,
    `class Names(str, enum.Enum):`,
    `    CLOUD = "${T}"`,
    ``,
  ].join("\n"),
  "app/db/cycle_a.py": "from .cycle_b import B\nA = B\n",
  "app/db/cycle_b.py": "from .cycle_a import A\nB = A\n",
  "app/services/__init__.py": "",
  "app/clients.py": `import os\nfrom supabase import create_client\nadmin = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_SERVICE_ROLE_KEY"])\nanon = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_ANON_KEY"])\n`,
  "app/pydantic_settings.py": `from pydantic import BaseSettings, Field\nclass Settings(BaseSettings):\n    table: str = Field(default="${T}")\nsettings = Settings()\n`,
});
const file = join(root, "app/services/save.py");

async function findings(code: string, path = file): Promise<string[]> {
  const { findings, notes } = await checkDocument({ path, text: code, language: "python" }, builtinRules);
  if (notes.length > 0) throw new Error(notes[0]!.message);
  return findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

describe("Python: imported constants, read from disk", () => {
  const cases: Array<[string, string, string[]]> = [
    ["a relative import", `from ..config import INTEGRATIONS_TABLE\n\ndef save(sb):\n    sb.table(INTEGRATIONS_TABLE).insert({"id": 1}).execute()\n`, [`4:14 ${TABLE}`]],
    ["an absolute import from the project root", `from app.db.tables import INTEGRATIONS_TABLE\nsupabase.table(INTEGRATIONS_TABLE).insert({"id": 1}).execute()\n`, [`2:16 ${TABLE}`]],
    ["an aliased import", `from app.config import INTEGRATIONS_TABLE as T\nsb.table(T).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["a submodule imported from its package", `from app import settings\nsb.table(settings.TABLE).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["import a.b as C", `import app.constants as C\nsb.table(C.TABLE).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["import a.b, used by its dotted name", `import app.settings\nsb.table(app.settings.TABLE).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["a package __init__ with from .tables import *", `from app.db import INTEGRATIONS_TABLE\nsb.table(INTEGRATIONS_TABLE).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["a submodule the package __init__ imports (from . import tables)", `from app.db import tables\nsb.table(tables.INTEGRATIONS_TABLE).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["an imported name used in a function (the pruning step keeps it)", `from app.db.tables import OLD_NAME\n\n\ndef wipe(sb):\n    sb.table(OLD_NAME).delete().execute()\n\n\ndef other():\n    return 1\n`, [`5:14 ${TABLE}`]],
    ["a star import used in a function (the pruning step keeps it)", `from app.db.tables import *\n\n\ndef wipe(sb):\n    sb.table(OLD_NAME).delete().execute()\n\n\ndef other():\n    return 1\n`, [`5:14 ${TABLE}`]],
    ["a package __init__ re-export alias", `from app.db import LEGACY\nsb.table(LEGACY).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["a class attribute of an imported class", `from app.db.tables import Tables\nsb.table(Tables.INTEGRATIONS).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["a re-exported class, aliased", `from app.db import T2\nsb.table(T2.INTEGRATIONS).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["a str Enum member's value", `from app.db.tables import Names\nsb.table(Names.CLOUD.value).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["a constant built from another import and an f-string", `from app.constants import DERIVED\nsb.table(DERIVED).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["a pydantic settings object", `from app.pydantic_settings import settings\nsb.table(settings.table).select("*").execute()\n`, [`2:10 ${TABLE}`]],
    ["an imported column in an update", `from app.config import STATUS_COLUMN\nsb.table("organizations").update({STATUS_COLUMN: "VALID"}).eq("id", 1).execute()\n`, [`2:35 ${WRITE}`]],
    ["an imported dict payload: reported at its use", `from app.config import ROW\nsb.table("organizations").update(ROW).eq("id", 1).execute()\n`, [`2:34 ${WRITE}`]],
    ["a service-role client made in another module", `from app.clients import admin\nadmin.table("organizations").update({"integration_openai_status": "VALID"}).eq("id", 1).execute()\n`, [`2:13 ${SERVICE}`, `2:38 ${WRITE}`]],
    ["SQL built from an imported constant", `from app.config import INTEGRATIONS_TABLE\ncur.execute(f"DELETE FROM {INTEGRATIONS_TABLE} WHERE org_id = %s", (org,))\n`, [`2:13 ${TABLE}`]],
  ];
  for (const [name, code, expected] of cases) it(name, async () => expect(await findings(code)).toEqual(expected));

  const clean: Array<[string, string]> = [
    ["an anon client made in another module, reading", `from app.clients import anon\nanon.table("organizations").select("id").execute()\n`],
    ["another constant of the same module", `from app.config import MEMBERS_TABLE\nsb.table(MEMBERS_TABLE).insert({"id": 1}).execute()\n`],
    ["another attribute of the imported class", `from app.db.tables import Tables\nsb.table(Tables.MEMBERS).select("*").execute()\n`],
    ["another constant of a submodule", `from app import settings\nsb.table(settings.OTHER).select("*").execute()\n`],
    ["an import cycle ends as unknown", `from app.db.cycle_a import A\nsb.table(A).select("*").execute()\n`],
    ["an installed package is never read", `from supabase_tables import INTEGRATIONS_TABLE\nsb.table(INTEGRATIONS_TABLE).select("*").execute()\n`],
    ["a module that does not exist", `from .nowhere import INTEGRATIONS_TABLE\nsb.table(INTEGRATIONS_TABLE).select("*").execute()\n`],
    ["the constant imported but not used in a query", `from app.config import INTEGRATIONS_TABLE, MEMBERS_TABLE\nlog(INTEGRATIONS_TABLE)\nsb.table(MEMBERS_TABLE).select("*").execute()\n`],
  ];
  for (const [name, code] of clean) it(`clean: ${name}`, async () => expect(await findings(code)).toEqual([]));

  it("src layout: absolute imports from <root>/src", async () => {
    const src = tree({ "pyproject.toml": "", "src/pkg/__init__.py": "", "src/pkg/tables.py": `T = "${T}"\n`, "src/pkg/jobs/run.py": "" });
    expect(await findings(`from pkg.tables import T\nsb.table(T).delete().execute()\n`, join(src, "src/pkg/jobs/run.py"))).toEqual([`2:10 ${TABLE}`]);
  });

  it("diskImports: false and resolveImport read nothing from disk", () => {
    const code = `from app.config import INTEGRATIONS_TABLE\nsb.table(INTEGRATIONS_TABLE).select("*").execute()\n`;
    const names = (options: Parameters<typeof extractPython>[1], withFile: boolean) =>
      describeFacts(code, extractPython(code, options, withFile ? file : undefined).facts, ["table"]);
    expect(names({}, true)).toEqual([`table read ${T} "INTEGRATIONS_TABLE"`]);
    expect(names({ diskImports: false }, false)).toEqual([`table read * "INTEGRATIONS_TABLE"`]);
    expect(names({ resolveImport: () => "org_members" }, false)).toEqual([`table read org_members "INTEGRATIONS_TABLE"`]);
  });

  it("the module is read again when it changes (cache by modification time and size)", async () => {
    const dir = tree({ ".git/HEAD": "", "lib/names.py": `T = "org_members"\n` });
    const path = join(dir, "lib/job.py");
    const code = `from lib.names import T\nsb.table(T).select("*").execute()\n`;
    expect(await findings(code, path)).toEqual([]);
    writeFileSync(join(dir, "lib/names.py"), `T = "${T}"  # changed\n`);
    expect(await findings(code, path)).toEqual([`2:10 ${TABLE}`]);
  });

  it("a module an unchanged module imports is read again once it exists (the daemon and lint keep parses between documents)", async () => {
    const dir = tree({ ".git/HEAD": "", "lib/__init__.py": "", "lib/db/__init__.py": "from .config import T as _T\nT = _T\n" });
    const path = join(dir, "lib/job.py");
    // The comment's rule word makes the engine parse the file the first time too.
    const code = `from lib.db import T\nsb.table(T).select("*").execute()\n# ${T} is retired\n`;
    expect(await findings(code, path)).toEqual([]);
    writeFileSync(join(dir, "lib/db/config.py"), `T = "${T}"\n`);
    // "Not found" is trusted for a moment only (module-files.ts resolutionCache).
    await new Promise((done) => setTimeout(done, 1100));
    expect(await findings(code, path)).toEqual([`2:10 ${TABLE}`]);
  });

  it("pre-check: only a file with a query sink whose imports may hold a rule's word", () => {
    const needle = (text: string) => text.includes(T);
    expect(pythonImportsMayMatter(file, `from ..config import INTEGRATIONS_TABLE\nsb.table(INTEGRATIONS_TABLE)\n`, needle)).toBe(true);
    expect(pythonImportsMayMatter(file, `from app import settings\nsb.table(settings.TABLE)\n`, needle)).toBe(true);
    expect(pythonImportsMayMatter(file, `from ..config import INTEGRATIONS_TABLE\nprint(INTEGRATIONS_TABLE)\n`, needle)).toBe(false);
    expect(pythonImportsMayMatter(file, `from app.db.cycle_a import A\nsb.table(A)\n`, needle)).toBe(false);
  });
});
