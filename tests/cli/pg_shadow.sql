CREATE SCHEMA cpni_app;
GRANT USAGE ON SCHEMA cpni_app TO cpni_app;
CREATE VIEW cpni_app.customer AS SELECT * FROM public.customer;
GRANT SELECT, INSERT, UPDATE ON cpni_app.customer TO cpni_app;
CREATE FUNCTION cpni_app.keep_unlocked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public.customer SET pin_hash=NEW.pin_hash, pin_set_at=NEW.pin_set_at, pin_must_change=NEW.pin_must_change,
    temp_pin_hash=NEW.temp_pin_hash, temp_pin_set_at=NEW.temp_pin_set_at, backup_hash=NEW.backup_hash, backup_set_at=NEW.backup_set_at,
    email=NEW.email, email_since=NEW.email_since, phone=NEW.phone, phone_since=NEW.phone_since,
    street=NEW.street, city=NEW.city, region=NEW.region, postal_code=NEW.postal_code, country=NEW.country, postal_since=NEW.postal_since,
    contract_method=NEW.contract_method, contract_secret_hash=NEW.contract_secret_hash, contract_callback=NEW.contract_callback,
    contract_callback_since=NEW.contract_callback_since, contract_set_at=NEW.contract_set_at, updated_at=NEW.updated_at
  WHERE account = OLD.account;   -- failures, lock_level, locked_until never change
  RETURN NEW;
END $$;
CREATE TRIGGER keep_unlocked INSTEAD OF UPDATE ON cpni_app.customer FOR EACH ROW EXECUTE FUNCTION cpni_app.keep_unlocked();
