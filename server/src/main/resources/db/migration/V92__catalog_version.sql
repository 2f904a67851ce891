-- An organization's catalog version: moved by every committed or rolled-back change to its products, their prices
-- and their attached custom fields, in the change's own transaction (triggers, so that no write path can forget it).
-- A node may remember what it read of a catalog under the version it read with it (product/CatalogMemo): a version
-- names one state of the catalog. Taken from a sequence, not incremented: a rolled-back change uses its number up,
-- so a state that never committed, read by its own transaction, can never be looked up under a committed version.
CREATE SEQUENCE organization_catalog_versions;

ALTER TABLE organizations ADD COLUMN catalog_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION move_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    organization uuid;
BEGIN
    -- Each branch names only its own table's columns: PL/pgSQL plans a statement when it first runs it.
    IF TG_TABLE_NAME = 'products' THEN
        IF TG_OP = 'DELETE' THEN
            organization := OLD.organization_id;
        ELSE
            organization := NEW.organization_id;
            IF TG_OP = 'UPDATE' AND OLD.organization_id IS DISTINCT FROM NEW.organization_id THEN
                UPDATE organizations SET catalog_version = nextval('organization_catalog_versions') WHERE id = OLD.organization_id;
            END IF;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT p.organization_id INTO organization FROM products p WHERE p.id = OLD.product_id;
    ELSE
        SELECT p.organization_id INTO organization FROM products p WHERE p.id = NEW.product_id;
    END IF;
    UPDATE organizations SET catalog_version = nextval('organization_catalog_versions') WHERE id = organization;
    RETURN NULL;
END;
$$;

CREATE TRIGGER products_move_catalog_version AFTER INSERT OR UPDATE OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION move_catalog_version();
CREATE TRIGGER product_prices_move_catalog_version AFTER INSERT OR UPDATE OR DELETE ON product_prices
    FOR EACH ROW EXECUTE FUNCTION move_catalog_version();
CREATE TRIGGER product_custom_fields_move_catalog_version AFTER INSERT OR UPDATE OR DELETE ON product_custom_fields
    FOR EACH ROW EXECUTE FUNCTION move_catalog_version();
