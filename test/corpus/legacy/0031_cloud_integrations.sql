-- Migration from before the credentials moved to the integrations API.
CREATE TABLE IF NOT EXISTS public.cloud_provider_integrations ( -- expect: no-cloud-provider-integrations-table
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations(id),
  provider text NOT NULL,
  encrypted_credential text NOT NULL
);

CREATE INDEX cpi_org_idx ON cloud_provider_integrations (org_id); -- expect: no-cloud-provider-integrations-table

ALTER TABLE organizations ADD COLUMN integration_openai_status text; -- expect: no-integration-status-write

UPDATE organizations SET integration_gcp_status = 'PENDING' WHERE integration_gcp_status IS NULL; -- expect: no-integration-status-write, no-integration-status-read

-- comments mentioning cloud_provider_integrations are fine
SELECT id, name FROM organizations;
