// Server-side provider checks of the four cloud providers, each against a local stand-in that
// verifies the signature or token exchange the real service would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { azureHandler, gcpHandler, ociHandler, rsaKeyPair, stsHandler } from "./cloud-fakes.js";
import { type FakeProvider, type TestServer, call, providerEnv, startFakeProvider, startTestServer, tempDir } from "./helpers.js";

const gcpKeys = rsaKeyPair();
const ociKeys = rsaKeyPair();
const strangerKeys = rsaKeyPair();
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
const AZURE_SECRET = "azure-client-secret-value-123";
const stsSeen = { actions: [] as URLSearchParams[] };

let tmp: ReturnType<typeof tempDir>;
let fakes: FakeProvider[] = [];
let server: TestServer;
let key: string;
let gcp: FakeProvider;

beforeAll(async () => {
  tmp = tempDir();
  gcp = await startFakeProvider(
    gcpHandler({ clientEmail: "svc@p1.iam.gserviceaccount.com", publicPem: gcpKeys.publicPem, projectId: "p1" }, () => gcp.url),
  );
  const sts = await startFakeProvider(stsHandler({ AKIATESTKEY: AWS_SECRET, AKIASERVERKEY: "server-secret" }, stsSeen));
  const azure = await startFakeProvider(azureHandler({ tenantId: "t1", clientId: "c1", clientSecret: AZURE_SECRET, subscriptionId: "s1" }));
  const oci = await startFakeProvider(ociHandler({ keyId: "ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa:bb", publicPem: ociKeys.publicPem, tenancy: "ocid1.tenancy.oc1..t" }));
  fakes = [gcp, sts, azure, oci];
  const env = providerEnv({ GCP_SA: gcp.url, AWS_IAM: sts.url, AZURE: azure.url, OCI: oci.url });
  server = await startTestServer(tmp.dir, { env });
  key = server.createOrg("acme");
});

afterAll(async () => {
  await server.close();
  await Promise.all(fakes.map((fake) => fake.close()));
  tmp.cleanup();
});

const setup = (segment: string, credential: object) =>
  call(server.url, "POST", `/api/v1/integrations/acme/${segment}/setup`, { key, body: { credential: JSON.stringify(credential) } });

const serviceAccount = (privateKey: string, projectId = "p1") => ({
  type: "service_account",
  project_id: projectId,
  private_key: privateKey,
  client_email: "svc@p1.iam.gserviceaccount.com",
  token_uri: "http://attacker.invalid/token", // must be ignored
});

describe("GCP service account", () => {
  it("signs a JWT the token endpoint accepts and lists the project's datasets", async () => {
    const result = await setup("gcp", serviceAccount(gcpKeys.privatePem));
    expect(result.json).toMatchObject({ success: true, provider: "GCP_SA", validation_status: "VALID" });
    expect(gcp.requests.map((r) => r.url.split("?")[0])).toContain("/bigquery/v2/projects/p1/datasets");
    expect(result.text).not.toContain("PRIVATE KEY");
  });

  it("validate re-signs with the stored (decrypted) key", async () => {
    await setup("gcp", serviceAccount(gcpKeys.privatePem));
    const before = gcp.requests.length;
    const result = await call(server.url, "POST", "/api/v1/integrations/acme/gcp/validate", { key });
    expect(result.json).toMatchObject({ success: true, provider: "GCP_SA", validation_status: "VALID" });
    expect(gcp.requests.length).toBe(before + 2);
  });

  it("is INVALID when Google refuses the key, or the project is unknown", async () => {
    expect((await setup("gcp", serviceAccount(strangerKeys.privatePem))).json).toMatchObject({ success: false, validation_status: "INVALID" });
    const unknownProject = await setup("gcp", serviceAccount(gcpKeys.privatePem, "p2"));
    expect(unknownProject.json.validation_status).toBe("INVALID");
    expect(unknownProject.json.validation_error).toContain("project_id");
  });

  it("answers 422 to a private_key that is not a PEM key, naming the field only", async () => {
    const result = await setup("gcp", serviceAccount("not-a-pem-secret-value"));
    expect(result.status).toBe(422);
    expect(result.json.detail[0].msg).toContain('"private_key"');
    expect(result.text).not.toContain("not-a-pem-secret-value");
  });
});

describe("AWS", () => {
  it("signs GetCallerIdentity with SigV4 using the access key form", async () => {
    const result = await setup("aws", { access_key_id: "AKIATESTKEY", secret_access_key: AWS_SECRET, region: "eu-west-1" });
    expect(result.json).toMatchObject({ success: true, provider: "AWS_IAM", validation_status: "VALID" });
    expect(stsSeen.actions.at(-1)?.get("Action")).toBe("GetCallerIdentity");
  });

  it("is INVALID with a wrong secret", async () => {
    const result = await setup("aws", { access_key_id: "AKIATESTKEY", secret_access_key: "wrong-secret-0000" });
    expect(result.json).toMatchObject({ success: false, validation_status: "INVALID" });
    expect(result.text).not.toContain("wrong-secret-0000");
  });

  it("leaves the role form PENDING when the server has no AWS keys of its own", async () => {
    const result = await setup("aws", { role_arn: "arn:aws:iam::123456789012:role/Billing", external_id: "ext-1" });
    expect(result.json).toMatchObject({ success: true, validation_status: "PENDING" });
    expect(result.json.validation_error).toContain("AWS_ACCESS_KEY_ID");
  });

  it("assumes the role with the external id when the server has AWS keys", async () => {
    const dir = tempDir();
    const env = providerEnv({ AWS_IAM: fakes[1]!.url }, { AWS_ACCESS_KEY_ID: "AKIASERVERKEY", AWS_SECRET_ACCESS_KEY: "server-secret" });
    const withKeys = await startTestServer(dir.dir, { env });
    try {
      const apiKey = withKeys.createOrg("acme");
      const result = await call(withKeys.url, "POST", "/api/v1/integrations/acme/aws/setup", {
        key: apiKey,
        body: { credential: JSON.stringify({ role_arn: "arn:aws:iam::123456789012:role/Billing", external_id: "ext-1" }) },
      });
      expect(result.json.validation_status).toBe("VALID");
      const action = stsSeen.actions.at(-1);
      expect([action?.get("Action"), action?.get("RoleArn"), action?.get("ExternalId")]).toEqual([
        "AssumeRole",
        "arn:aws:iam::123456789012:role/Billing",
        "ext-1",
      ]);
    } finally {
      await withKeys.close();
      dir.cleanup();
    }
  });

  it("answers 422 to a region that is not a region name", async () => {
    const result = await setup("aws", { access_key_id: "AKIATESTKEY", secret_access_key: AWS_SECRET, region: "evil.example.com/x" });
    expect(result.status).toBe(422);
  });
});

describe("Azure", () => {
  const principal = { tenant_id: "t1", client_id: "c1", client_secret: AZURE_SECRET, subscription_id: "s1" };

  it("gets a client-credentials token and reads the subscription", async () => {
    expect((await setup("azure", principal)).json).toMatchObject({ success: true, provider: "AZURE", validation_status: "VALID" });
  });

  it("is INVALID with a wrong secret or a subscription the principal cannot see", async () => {
    expect((await setup("azure", { ...principal, client_secret: "wrong-secret" })).json.validation_status).toBe("INVALID");
    const hidden = await setup("azure", { ...principal, subscription_id: "s2" });
    expect(hidden.json.validation_status).toBe("INVALID");
    expect(hidden.json.validation_error).toContain("subscription");
  });
});

describe("OCI", () => {
  const account = {
    tenancy_ocid: "ocid1.tenancy.oc1..t",
    user_ocid: "ocid1.user.oc1..u",
    fingerprint: "aa:bb",
    private_key: ociKeys.privatePem,
    region: "us-ashburn-1",
  };

  it("signs GetTenancy with the user's API key", async () => {
    expect((await setup("oci", account)).json).toMatchObject({ success: true, provider: "OCI", validation_status: "VALID" });
  });

  it("is INVALID when signed with a key OCI does not know", async () => {
    expect((await setup("oci", { ...account, private_key: strangerKeys.privatePem })).json.validation_status).toBe("INVALID");
  });

  it("answers 422 to a fingerprint that cannot travel in a signature header", async () => {
    const result = await setup("oci", { ...account, fingerprint: 'aa"bb' });
    expect(result.status).toBe(422);
  });
});
