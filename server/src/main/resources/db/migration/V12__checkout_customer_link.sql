-- How the checkout's customer was found: 'merchant' (customer_id or external id at create), 'created' (a new
-- customer made by the confirm) or 'email' (an existing customer matched by the typed email). Only the first two
-- may receive a customer session token; a checkout reopened after a failed payment keeps its link and its rule.
ALTER TABLE checkouts ADD COLUMN customer_link text CHECK (customer_link IN ('merchant', 'created', 'email'));
UPDATE checkouts SET customer_link = 'merchant' WHERE customer_id IS NOT NULL;
