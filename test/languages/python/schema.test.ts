/**
 * Alembic migrations, SQLAlchemy tables and models, and Supabase realtime subscriptions name
 * tables too (schema.ts). Through the engine with the built-in rules; clean look-alikes included.
 */
import { describe, expect, it } from "vitest";
import { pythonFindings, TABLE, WRITE } from "../sql/helpers.js";

describe("schema definitions and subscriptions", () => {
  it("Alembic: create_table, add_column of a status column, drop_table", async () => {
    const text = `from alembic import op
import sqlalchemy as sa

def upgrade():
    op.create_table("cloud_provider_integrations", sa.Column("id", sa.Integer, primary_key=True))
    op.add_column("organizations", sa.Column("integration_openai_status", sa.Text()))

def downgrade():
    op.drop_table("cloud_provider_integrations")
`;
    expect(await pythonFindings(text, "versions/1_add.py")).toEqual([`5 ${TABLE}`, `6 ${WRITE}`, `9 ${TABLE}`]);
  });

  it("SQLAlchemy Table() and a declarative model", async () => {
    const text = `import sqlalchemy as sa
legacy = sa.Table("cloud_provider_integrations", metadata, sa.Column("id", sa.Integer))
class Integration(Base):
    __tablename__ = "cloud_provider_integrations"
    id = sa.Column(sa.Integer, primary_key=True)
`;
    expect(await pythonFindings(text)).toEqual([`2 ${TABLE}`, `4 ${TABLE}`]);
  });

  it("a realtime subscription filtered on the table", async () => {
    const text = `channel = supabase.channel("changes")\nchannel.on_postgres_changes("*", schema="public", table="cloud_provider_integrations", callback=handle).subscribe()\n`;
    expect(await pythonFindings(text)).toEqual([`2 ${TABLE}`]);
  });

  it("clean: other tables and columns, create_table on something that is not op", async () => {
    const text = `from alembic import op
import sqlalchemy as sa
op.create_table("org_members", sa.Column("integration_openai_status_note", sa.Text()))
op.add_column("organizations", sa.Column("integration_notes", sa.Text()))
dynamodb.create_table("cloud_provider_integrations")
class Member(Base):
    __tablename__ = "org_members"
channel.on_postgres_changes("*", schema="public", table="org_members", callback=handle)
`;
    expect(await pythonFindings(text)).toEqual([]);
  });
});
