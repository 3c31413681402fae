import { describe, expect, it } from "vitest";
import { inSchema, readN8nDdl, runnableDump, N8N_DDL_VERSIONS } from "./n8nDdl.ts";

describe("n8n's real DDL", () => {
  it("drops psql meta-commands and the session's empty search_path", () => {
    const sql =
      "\\restrict abc\nSET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE n8n.x (id int);\n\\unrestrict abc";
    expect(runnableDump(sql)).toBe("SET statement_timeout = 0;\nCREATE TABLE n8n.x (id int);");
  });
  it("moves the dump to another schema, names only", () => {
    const sql =
      "CREATE SCHEMA n8n;\nCREATE TABLE n8n.workflow_entity (name text DEFAULT 'n8n.io');\nALTER TABLE ONLY n8n.\"user\" ADD x;";
    expect(inSchema(sql, "public")).toBe(
      "CREATE SCHEMA IF NOT EXISTS public;\nCREATE TABLE public.workflow_entity (name text DEFAULT 'n8n.io');\nALTER TABLE ONLY public.\"user\" ADD x;",
    );
  });
  it.each(N8N_DDL_VERSIONS)("has n8n %s's execution tables and indexes", (version) => {
    const ddl = readN8nDdl(version);
    expect(ddl).toContain("CREATE TABLE n8n.execution_entity");
    expect(ddl).toContain("idx_execution_entity_stopped_at_status_deleted_at");
    expect(ddl).not.toMatch(/^\\/m);
  });
});
