/**
 * PostgREST over HTTP from Python (requests / httpx / aiohttp): the URL path is the table, select=
 * and filters are reads, JSON bodies of writes are written columns, a service-role key in the
 * headers makes a service-role query. Through the engine with the built-in rules.
 */
import { describe, expect, it } from "vitest";
import { pythonFindings, READ, SERVICE, TABLE, WRITE } from "../sql/helpers.js";

const findings = (text: string) => pythonFindings(text, "rest.py");

const HEAD = `import os\nimport requests, httpx\nURL = os.environ["SUPABASE_URL"]\nKEY = os.environ["SUPABASE_ANON_KEY"]\nHEADERS = {"apikey": KEY, "Authorization": f"Bearer {KEY}"}\n`;

describe("PostgREST over HTTP", () => {
  it("GET of the retired table (requests), with select= in params", async () => {
    const text = `${HEAD}r = requests.get(f"{URL}/rest/v1/cloud_provider_integrations", params={"select": "provider,secret"}, headers=HEADERS)\n`;
    expect(await findings(text)).toEqual([`6 ${TABLE}`]);
  });

  it("PATCH of a status column (httpx), filter in the URL", async () => {
    const text = `${HEAD}def mark(org):\n    httpx.patch(f"{URL}/rest/v1/organizations?id=eq.{org}", json={"integration_openai_status": "VALID"}, headers=HEADERS)\n`;
    expect(await findings(text)).toEqual([`7 ${WRITE}`]);
  });

  it("select= in the URL reads status columns (warn), request('DELETE', ...) writes the table", async () => {
    const text = `${HEAD}requests.get(URL + "/rest/v1/organizations?select=id,integration_gcp_status&id=eq.1", headers=HEADERS)\nrequests.request("DELETE", f"{URL}/rest/v1/cloud_provider_integrations?org_id=eq.1", headers=HEADERS)\n`;
    expect(await findings(text)).toEqual([`6 ${READ}`, `7 ${TABLE}`]);
  });

  it("a client session with the service-role key in its headers", async () => {
    const text = `import os, httpx\nURL = os.environ["SUPABASE_URL"]\nclient = httpx.Client(base_url=URL, headers={"apikey": os.environ["SUPABASE_SERVICE_ROLE_KEY"]})\nclient.post("/rest/v1/organizations", json=[{"id": 1, "integration_aws_configured_at": "now()"}])\n`;
    expect(await findings(text)).toEqual([`4 ${SERVICE}`, `4 ${WRITE}`]);
  });

  it("the table in a constant, the body built before", async () => {
    const text = `${HEAD}TABLE = "cloud_provider_integrations"\nbody = {"org_id": 1}\nbody["integration_oci_status"] = "VALID"\nhttpx.post(f"{URL}/rest/v1/{TABLE}", json=body, headers=HEADERS)\n`;
    expect(await findings(text)).toEqual([`8 ${WRITE}`, `9 ${TABLE}`]); // the write at the key it sets
  });

  it("clean: other tables, other APIs, GET bodies, a /rest/v1/ path in a log message", async () => {
    const text = `${HEAD}requests.get(f"{URL}/rest/v1/org_members", params={"select": "id,role"}, headers=HEADERS)\nhttpx.post("https://api.example.com/integrations", json={"integration_openai_status": "VALID"})\nlogger.info(f"GET {URL}/rest/v1/cloud_provider_integrations is gone")\nrequests.get(f"{URL}/rest/v1/{table}", headers=HEADERS)\n`;
    expect(await findings(text)).toEqual([]);
  });
});
