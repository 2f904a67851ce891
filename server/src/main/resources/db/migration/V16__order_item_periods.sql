-- The period an order item bills (Polar's start_timestamp/end_timestamp): a subscription's period, null for a
-- one-time purchase. Orders from before this migration are subscription_create orders of a first period that
-- has not renewed (Kassa had no renewals), so that period is the subscription's current one.
ALTER TABLE order_items ADD COLUMN period_start timestamptz, ADD COLUMN period_end timestamptz;

UPDATE order_items i
SET period_start = s.current_period_start, period_end = s.current_period_end
FROM orders o JOIN subscriptions s ON s.id = o.subscription_id
WHERE i.order_id = o.id AND o.billing_reason = 'subscription_create';
