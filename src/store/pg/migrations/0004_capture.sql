-- Row-change capture for the row digests, in place of SQLite's pre-update hook (see
-- src/store/pg/capture.rs). While a cpni step's transaction has `cpni.capture` on (the
-- writer lock sets it, transaction-local), every insert, update and delete on a digested table
-- is noted, with the row before and after, in the connection's own TEMP table cpni_change
-- (made by each cpni connection when it opens). Any other session (psql, a migration) has the
-- setting off and writes nothing: the trigger then only returns.
CREATE FUNCTION cpni_capture() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF current_setting('cpni.capture', true) IS DISTINCT FROM 'on' THEN
        RETURN NULL;
    END IF;
    INSERT INTO pg_temp.cpni_change (tbl, op, old_row, new_row)
    VALUES (TG_TABLE_NAME, TG_OP,
            CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
            CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION cpni_capture() FROM PUBLIC;

CREATE TRIGGER customer_capture AFTER INSERT OR UPDATE OR DELETE ON customer
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER contact_history_capture AFTER INSERT OR UPDATE OR DELETE ON contact_history
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER agent_capture AFTER INSERT OR UPDATE OR DELETE ON agent
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER consent_capture AFTER INSERT OR UPDATE OR DELETE ON consent
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER complaint_capture AFTER INSERT OR UPDATE OR DELETE ON complaint
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER breach_capture AFTER INSERT OR UPDATE OR DELETE ON breach
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER breach_account_capture AFTER INSERT OR UPDATE OR DELETE ON breach_account
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER breach_hold_capture AFTER INSERT OR UPDATE OR DELETE ON breach_hold
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER breach_notice_capture AFTER INSERT OR UPDATE OR DELETE ON breach_notice
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER breach_link_capture AFTER INSERT OR UPDATE OR DELETE ON breach_link
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER session_capture AFTER INSERT OR UPDATE OR DELETE ON session
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER code_capture AFTER INSERT OR UPDATE OR DELETE ON code
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER outbox_capture AFTER INSERT OR UPDATE OR DELETE ON outbox
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();
CREATE TRIGGER agent_key_capture AFTER INSERT OR UPDATE OR DELETE ON agent_key
    FOR EACH ROW EXECUTE FUNCTION cpni_capture();

UPDATE schema_version SET version = 4;
