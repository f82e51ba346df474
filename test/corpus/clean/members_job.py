"""Nightly members job: uses the service-role client for members and billing only."""
from app.db import create_service_role_client
from app.integrations_api import get_integrations

INTEGRATION_LOG = "integration_job_runs"


def sync_members(org_id: str) -> int:
    admin = create_service_role_client()
    rows = admin.table("org_members").select("id, email").eq("org_id", org_id).execute()
    admin.table(INTEGRATION_LOG).insert({"org_id": org_id, "count": len(rows.data)}).execute()
    return len(rows.data)


def provider_statuses(org_slug: str) -> dict:
    # statuses come from the integrations API, never from cloud_provider_integrations
    return {code: item["status"] for code, item in get_integrations(org_slug).items()}


def validate_integration_status(status: str) -> bool:
    return status in ("VALID", "INVALID")
