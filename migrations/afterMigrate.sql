-- Runs after every migrate (Flyway callback): the application role may read and write the data, nothing more.
-- It owns no table, so row-level security applies to it; it never sees the migration history.
GRANT USAGE ON SCHEMA public TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_role};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${app_role};
REVOKE ALL ON TABLE flyway_schema_history FROM ${app_role};
