"""Backend job from before the migration."""
from supabase import Client

from app.db import create_service_role_client, get_client

TABLE = "cloud_provider_integrations"
STATUS_PREFIX = "integration_"


def save_cloud_integration_status(org_id: str, provider: str, status: str) -> None:  # expect: no-save-integration-status-function
    client = create_service_role_client()
    client.table("organizations").update({f"integration_{provider}_status": status}).eq("id", org_id).execute()  # expect: no-integration-status-write, no-service-role-client-for-integrations
    client.table(TABLE).upsert({"org_id": org_id, "provider": provider}).execute()  # expect: no-cloud-provider-integrations-table, no-service-role-client-for-integrations


def list_members(org_id: str):
    admin = create_service_role_client()
    return admin.table("org_members").select("*").eq("org_id", org_id).execute()


def integrations_for(org_id: str):
    db: Client = get_client()
    return db.from_("cloud_provider_integrations").select("provider").eq("org_id", org_id).execute()  # expect: no-cloud-provider-integrations-table


def not_a_query() -> str:
    # cloud_provider_integrations in a comment is fine
    return "cloud_provider_integrations"
