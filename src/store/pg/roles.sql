-- The two roles of a cpni PostgreSQL database, created once per server by its administrator
-- (a superuser or a role with CREATEROLE), before the database and before `cpni init`:
--
--   psql -v ON_ERROR_STOP=1 -f src/store/pg/roles.sql
--   createdb --owner=cpni_owner cpni
--   ALTER ROLE cpni_owner PASSWORD '…'; ALTER ROLE cpni_app PASSWORD '…';  (in psql, \password)
--
-- cpni_owner owns the schema: `cpni init` (the migrations) and `cpni audit purge` connect as it,
-- and only with the owner's own password file. cpni_app is the role of every other command; it
-- owns nothing, so it can neither alter a table nor disable a trigger, and migration 2 grants it
-- only what cpni's steps do. Neither is a superuser (a superuser bypasses every grant) nor may
-- create roles or databases. Several gateway hosts may share cpni_app, or the administrator
-- makes cpni_app NOLOGIN and grants it to one login role per host (GRANT cpni_app TO cpni_host_a)
-- so that the server's log names the host. Running this file again changes nothing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cpni_owner') THEN
        CREATE ROLE cpni_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
            NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cpni_app') THEN
        CREATE ROLE cpni_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
            NOBYPASSRLS;
    END IF;
EXCEPTION
    -- Another session created them between the check and CREATE ROLE: they exist, as wanted.
    WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;
