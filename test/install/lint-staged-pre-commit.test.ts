import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { makeRepo, removeRepos } from "./repo.js";

afterAll(removeRepos);

const GLOB = "*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,sql}";

describe("install --lint-staged", () => {
  it("adds the guard to package.json's lint-staged next to an existing command; uninstall restores the bytes", () => {
    const repo = makeRepo();
    const original = `${JSON.stringify({ name: "app", "lint-staged": { [GLOB]: "eslint --fix", "*.md": "prettier -w" } }, null, 2)}\n`;
    repo.write("package.json", original);
    expect(repo.run("install", "--lint-staged").status).toBe(0);
    expect(JSON.parse(repo.read("package.json"))["lint-staged"]).toEqual({ [GLOB]: ["eslint --fix", "integration-guard lint"], "*.md": "prettier -w" });
    const installed = repo.read("package.json");
    repo.run("install", "--lint-staged");
    expect(repo.read("package.json")).toBe(installed);
    expect(repo.run("uninstall", "--lint-staged").status).toBe(0);
    expect(repo.read("package.json")).toBe(original);
  });

  it("edits .lintstagedrc.json when that is where the config lives", () => {
    const repo = makeRepo();
    repo.write(".lintstagedrc.json", '{\n  "*.css": "stylelint"\n}\n');
    repo.run("install", "--lint-staged");
    expect(JSON.parse(repo.read(".lintstagedrc.json"))).toEqual({ "*.css": "stylelint", [GLOB]: "integration-guard lint" });
    expect(JSON.parse(repo.read("package.json"))["lint-staged"]).toBeUndefined();
  });

  it("prints the entry for a JavaScript config instead of rewriting code", () => {
    const repo = makeRepo();
    const config = "export default { '*.ts': 'eslint' };\n";
    repo.write("lint-staged.config.mjs", config);
    const run = repo.run("install", "--lint-staged");
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("lint-staged.config.mjs is not JSON");
    expect(JSON.parse(run.stdout.replace(/^#.*\n/, ""))).toEqual({ [GLOB]: "integration-guard lint" });
    expect(repo.read("lint-staged.config.mjs")).toBe(config);
  });

  it("leaves a package.json that is not valid JSON untouched", () => {
    const repo = makeRepo();
    repo.write("package.json", '{ "name": "app", }');
    repo.write(".lintstagedrc", "{ nope");
    const run = repo.run("install", "--lint-staged");
    expect(run.status).toBe(2);
    expect(repo.read(".lintstagedrc")).toBe("{ nope");
    expect(repo.read("package.json")).toBe('{ "name": "app", }');
  });
});

describe("install --pre-commit", () => {
  it("adds a local hook to an existing .pre-commit-config.yaml, keeps comments, and uninstall restores the bytes", () => {
    const repo = makeRepo();
    const original = [
      "# team hooks",
      "repos:",
      "  - repo: https://github.com/pre-commit/pre-commit-hooks",
      "    rev: v4.6.0",
      "    hooks:",
      "      - id: trailing-whitespace # keep this one",
      "",
    ].join("\n");
    repo.write(".pre-commit-config.yaml", original);
    expect(repo.run("install", "--pre-commit").status).toBe(0);
    const text = repo.read(".pre-commit-config.yaml");
    expect(text).toContain("# keep this one");
    const config = parse(text);
    expect(config.repos[1]).toEqual({
      repo: "local",
      hooks: [
        expect.objectContaining({ id: "integration-guard", entry: "node node_modules/integration-guard/dist/integration-guard.cjs lint --staged", language: "system", pass_filenames: false }),
      ],
    });
    repo.run("install", "--pre-commit");
    expect(repo.read(".pre-commit-config.yaml")).toBe(text);
    expect(repo.run("uninstall", "--pre-commit").status).toBe(0);
    expect(repo.read(".pre-commit-config.yaml")).toBe(original);
  });

  it("creates the file when there is none, and uninstall deletes it again", () => {
    const repo = makeRepo();
    repo.run("install", "--pre-commit");
    expect(parse(repo.read(".pre-commit-config.yaml")).repos[0].hooks[0].id).toBe("integration-guard");
    repo.run("uninstall", "--pre-commit");
    expect(existsSync(join(repo.root, ".pre-commit-config.yaml"))).toBe(false);
  });

  it("refuses a file that is not valid YAML and prints the snippet", () => {
    const repo = makeRepo();
    const broken = "repos:\n  - repo: local\n   hooks: [\n";
    repo.write(".pre-commit-config.yaml", broken);
    const run = repo.run("install", "--pre-commit");
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("id: integration-guard");
    expect(repo.read(".pre-commit-config.yaml")).toBe(broken);
  });
});
