-- Discounts (Polar's discount/ domain). A fixed discount keeps one amount per currency in `amounts`
-- ({"usd": 1000, "eur": 900}); `currency` names the entry shown as the legacy amount/currency pair.
CREATE TABLE discounts (
    id                           uuid PRIMARY KEY,
    organization_id              uuid NOT NULL REFERENCES organizations (id),
    name                         text NOT NULL CHECK (length(name) >= 1),
    type                         text NOT NULL CHECK (type IN ('fixed', 'percentage')),
    amounts                      jsonb,
    currency                     text,
    basis_points                 integer CHECK (basis_points BETWEEN 1 AND 10000),
    duration                     text NOT NULL CHECK (duration IN ('once', 'forever', 'repeating')),
    duration_in_months           integer CHECK (duration_in_months BETWEEN 1 AND 999),
    code                         text,
    starts_at                    timestamptz,
    ends_at                      timestamptz,
    max_redemptions              integer CHECK (max_redemptions >= 1),
    max_redemptions_per_customer integer CHECK (max_redemptions_per_customer >= 1),
    redemptions_count            integer NOT NULL DEFAULT 0,
    user_metadata                jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at                   timestamptz NOT NULL,
    modified_at                  timestamptz,
    deleted_at                   timestamptz,
    CHECK ((type = 'fixed') = (amounts IS NOT NULL AND currency IS NOT NULL)),
    CHECK ((type = 'percentage') = (basis_points IS NOT NULL)),
    CHECK ((duration = 'repeating') = (duration_in_months IS NOT NULL)),
    CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
);
CREATE INDEX discounts_organization_created_idx ON discounts (organization_id, created_at DESC);
-- Codes are case-insensitive and unique among the organization's live discounts; a deleted one frees its code.
CREATE UNIQUE INDEX discounts_organization_code_key ON discounts (organization_id, upper(code))
    WHERE deleted_at IS NULL AND code IS NOT NULL;

-- Products a discount is restricted to, in the order the merchant listed them; none means every product.
CREATE TABLE discount_products (
    discount_id uuid NOT NULL REFERENCES discounts (id),
    product_id  uuid NOT NULL REFERENCES products (id),
    position    integer NOT NULL,
    PRIMARY KEY (discount_id, product_id)
);
CREATE INDEX discount_products_product_idx ON discount_products (product_id);

-- One row per redemption; checkouts insert them on confirm and delete them when the payment fails.
CREATE TABLE discount_redemptions (
    id              uuid PRIMARY KEY,
    discount_id     uuid NOT NULL REFERENCES discounts (id),
    checkout_id     uuid,
    subscription_id uuid,
    customer_email  text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX discount_redemptions_discount_idx ON discount_redemptions (discount_id);
CREATE INDEX discount_redemptions_checkout_idx ON discount_redemptions (checkout_id);

-- redemptions_count follows the redemption rows, whoever inserts or deletes them.
CREATE FUNCTION discount_redemptions_count() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE discounts SET redemptions_count = redemptions_count + 1 WHERE id = NEW.discount_id;
        RETURN NEW;
    ELSE
        UPDATE discounts SET redemptions_count = redemptions_count - 1 WHERE id = OLD.discount_id;
        RETURN OLD;
    END IF;
END;
$$;

CREATE TRIGGER discount_redemptions_count_insert AFTER INSERT ON discount_redemptions
    FOR EACH ROW EXECUTE FUNCTION discount_redemptions_count();
CREATE TRIGGER discount_redemptions_count_delete AFTER DELETE ON discount_redemptions
    FOR EACH ROW EXECUTE FUNCTION discount_redemptions_count();
