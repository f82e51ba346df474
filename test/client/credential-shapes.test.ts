// The local shape check of each provider's credential (spec "Providers" table).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCredentialShape } from "../../src/api/credential-shapes.js";
import { PROVIDER_CODES } from "../../src/api/providers.js";

const GCP = { type: "service_account", project_id: "p", private_key: "-----BEGIN PRIVATE KEY-----\nabc", client_email: "a@p.iam.gserviceaccount.com" };
const AZURE = { tenant_id: "t", client_id: "c", client_secret: "s3cr3t-azure", subscription_id: "sub" };
const OCI = { tenancy_ocid: "ocid1.tenancy", user_ocid: "ocid1.user", fingerprint: "aa:bb", private_key: "-----BEGIN", region: "eu-frankfurt-1" };

const problemsOf = (provider: Parameters<typeof checkCredentialShape>[0], credential: string) => {
  const result = checkCredentialShape(provider, credential);
  return result.ok ? [] : result.problems;
};

describe("checkCredentialShape", () => {
  it("accepts well-formed credentials of every provider", () => {
    expect(problemsOf("OPENAI", "sk-proj-0123456789")).toEqual([]);
    expect(problemsOf("ANTHROPIC", "sk-ant-0123456789")).toEqual([]);
    expect(problemsOf("GEMINI", "AIzaSyD-abc")).toEqual([]);
    expect(problemsOf("DEEPSEEK", "sk-abc1234567")).toEqual([]);
    expect(problemsOf("OPENAI", "keisk-0123456789")).toEqual([]);
    expect(problemsOf("GCP_SA", JSON.stringify(GCP))).toEqual([]);
    expect(problemsOf("AWS_IAM", JSON.stringify({ role_arn: "arn:aws:iam::1:role/r", external_id: "e" }))).toEqual([]);
    expect(problemsOf("AWS_IAM", JSON.stringify({ access_key_id: "AKIA", secret_access_key: "x", region: "us-east-1" }))).toEqual([]);
    expect(problemsOf("AZURE", JSON.stringify(AZURE))).toEqual([]);
    expect(problemsOf("OCI", JSON.stringify(OCI))).toEqual([]);
  });

  it("names the wrong prefix or length of API keys", () => {
    expect(problemsOf("OPENAI", "pk-0123456789")).toEqual(['an OpenAI API key must start with "sk-" (or "keisk-")']);
    expect(problemsOf("OPENAI", "sk-123")).toEqual(["the credential must be at least 10 characters long (got 6)"]);
    expect(problemsOf("ANTHROPIC", "short")).toHaveLength(1);
    expect(problemsOf("GEMINI", "sk-0123456789")).toEqual(['a Gemini API key must start with "AIza"']);
    expect(problemsOf("DEEPSEEK", "ds-0123456789")).toEqual(['a DeepSeek API key must start with "sk-"']);
  });

  it("names each missing JSON field", () => {
    const { client_email: _dropped, ...gcp } = GCP;
    expect(problemsOf("GCP_SA", JSON.stringify({ ...gcp, type: "authorized_user" }))).toEqual([
      'a GCP service account key needs the field "client_email"',
      'a GCP service account key must have "type": "service_account" (this is a different kind of key file)',
    ]);
    const { client_secret: _secret, ...azure } = AZURE;
    expect(problemsOf("AZURE", JSON.stringify(azure))).toEqual(['an Azure credential needs the field "client_secret"']);
    expect(problemsOf("OCI", JSON.stringify({ ...OCI, region: "" }))).toEqual(['an OCI credential needs the field "region"']);
    expect(problemsOf("AWS_IAM", JSON.stringify({ role_arn: "arn" }))).toEqual(['an AWS credential (role form) needs the field "external_id"']);
    expect(problemsOf("AWS_IAM", JSON.stringify({ secret_access_key: "x" }))).toEqual([
      'an AWS credential (access key form) needs the field "access_key_id"',
    ]);
    expect(problemsOf("AWS_IAM", "{}")).toHaveLength(1);
    expect(problemsOf("AZURE", "[1,2,3,4,5]")).toEqual(["an Azure credential must be a JSON object"]);
    expect(problemsOf("OCI", "not json at all")).toEqual(["an OCI credential must be a JSON object, and this is not valid JSON"]);
  });

  it("follows the service's rules: trimming, 10 characters for every key, 100,000 on setup and 50,000 on update", () => {
    expect(problemsOf("OPENAI", "  sk-proj-0123456789\n")).toEqual([]);
    expect(problemsOf("GEMINI", "AIza12345")).toEqual(["the credential must be at least 10 characters long (got 9)"]);
    expect(problemsOf("DEEPSEEK", "  sk-12345  ")).toEqual(["the credential must be at least 10 characters long (got 8)"]);
    expect(problemsOf("OPENAI", "   ")).toEqual(["the credential is empty"]);
    const long = `sk-${"a".repeat(60_000)}`;
    expect(checkCredentialShape("OPENAI", long, "setup").ok).toBe(true);
    expect(checkCredentialShape("OPENAI", long, "update")).toEqual({ ok: false, problems: ["the credential must be at most 50000 characters on update (got 60003)"] });
    expect(checkCredentialShape("OPENAI", `sk-${"a".repeat(100_000)}`, "setup").ok).toBe(false);
    // Under 100,000 characters but over 100,000 bytes: the service's 413.
    expect(checkCredentialShape("ANTHROPIC", "é".repeat(60_000), "setup")).toEqual({ ok: false, problems: ["the credential must be at most 100000 bytes (got 120000)"] });
  });

  it("never quotes the credential in a problem", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROVIDER_CODES), fc.string({ minLength: 6, maxLength: 40 }), (provider, credential) => {
        const secret = `Zq${credential}Zq`;
        for (const problem of problemsOf(provider, secret)) expect(problem).not.toContain(secret);
        const json = JSON.stringify({ client_secret: secret, private_key: secret, type: secret });
        for (const problem of problemsOf(provider, json)) expect(problem).not.toContain(secret);
      }),
    );
  });
});
