-- PostgreSQL migration 5: cpni's trigger functions re-created so that nothing in schema
-- public can change what they call (issue 16). Each pins `search_path = pg_catalog, pg_temp`
-- (PostgreSQL never looks up a function or an operator in pg_temp, so no object of public
-- or of another schema is visible to them), names every built-in function and operator with
-- `pg_catalog.` and every cpni table with `public.`. The triggers keep calling them (CREATE
-- OR REPLACE keeps each function's identity, owner and grants). Every open and every step
-- checks these settings (src/store/pg/guard.rs).
CREATE OR REPLACE FUNCTION public.cpni_refuse() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = TG_ARGV[0];
END;
$$;

CREATE OR REPLACE FUNCTION public.audit_base_insert() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.seq OPERATOR(pg_catalog.<=)
            (SELECT COALESCE(pg_catalog.max(b.seq), 0) FROM public.audit_base b)
        OR NOT EXISTS (SELECT FROM public.audit a WHERE a.seq OPERATOR(pg_catalog.=) NEW.seq
                       AND a.hash OPERATOR(pg_catalog.=) NEW.hash) THEN
        RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
            MESSAGE = 'an audit base must name an existing record after the previous base';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION public.audit_no_delete() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF OLD.seq OPERATOR(pg_catalog.>)
            (SELECT COALESCE(pg_catalog.max(b.seq), 0) FROM public.audit_base b) THEN
        RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
            MESSAGE = 'audit records are append-only';
    END IF;
    RETURN OLD;
END;
$$;

CREATE OR REPLACE FUNCTION public.cpni_capture() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF pg_catalog.current_setting('cpni.capture', true) IS NULL
        OR pg_catalog.current_setting('cpni.capture', true) OPERATOR(pg_catalog.<>) 'on' THEN
        RETURN NULL;
    END IF;
    INSERT INTO pg_temp.cpni_change (tbl, op, old_row, new_row)
    VALUES (TG_TABLE_NAME, TG_OP,
            CASE WHEN TG_OP OPERATOR(pg_catalog.<>) 'INSERT' THEN pg_catalog.to_jsonb(OLD) END,
            CASE WHEN TG_OP OPERATOR(pg_catalog.<>) 'DELETE' THEN pg_catalog.to_jsonb(NEW) END);
    RETURN NULL;
END;
$$;

UPDATE schema_version SET version = 5;
