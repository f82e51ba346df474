# The retired pattern in the Python backend.
from app.db import create_service_role_client

TABLE = "cloud_provider_integrations"


def save_cloud_integration_status(org_id: str, provider: str, status: str) -> None:
    client = create_service_role_client()
    client.table("organizations").update({f"integration_{provider}_status": status}).eq("id", org_id).execute()
    client.table(TABLE).upsert({"org_id": org_id, "provider": provider}).execute()
