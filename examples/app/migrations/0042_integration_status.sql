-- The retired schema: credentials and status in Supabase.
ALTER TABLE organizations ADD COLUMN integration_openai_status text;
CREATE TABLE cloud_provider_integrations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  provider text NOT NULL,
  credential text NOT NULL
);
CREATE POLICY org_reads ON cloud_provider_integrations FOR SELECT USING (true);
