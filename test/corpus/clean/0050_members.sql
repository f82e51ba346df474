-- Members and billing: nothing about integration credentials.
CREATE TABLE org_members (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  email text NOT NULL,
  integration_role_label text
);
CREATE INDEX org_members_org_idx ON org_members (org_id);
-- the old cloud_provider_integrations table is gone; do not recreate it
UPDATE org_members SET email = lower(email);
