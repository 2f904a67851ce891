-- A confirm for a recurring product looks for the same customer's other checkouts whose payment is under way
-- (checkout/SubscriptionUniqueness): two tabs paying at once must not make two subscriptions. Only checkouts in
-- the short 'confirmed' state are in the index.
CREATE INDEX checkouts_customer_confirmed_idx ON checkouts (customer_id) WHERE status = 'confirmed';
