-- Who redeemed: a discount's per-customer cap counts redemptions by customer and by normalized email
-- (lower-cased, without a +tag), so a buyer cannot dodge it with a new address alias.
ALTER TABLE discount_redemptions ADD COLUMN customer_id uuid;
CREATE INDEX discount_redemptions_customer_idx ON discount_redemptions (discount_id, customer_id);
CREATE INDEX discount_redemptions_email_idx ON discount_redemptions (discount_id, customer_email);
