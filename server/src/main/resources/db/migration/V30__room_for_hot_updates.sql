-- Rows updated several times soon after their insert (a checkout by its buyer's update and confirm, its payment
-- attempt by the confirm's second transaction, the buyer's customer) leave room on their page, so that an update
-- that changes no indexed column can be HOT (no new index entries). Applies to pages filled from now on.
ALTER TABLE checkouts SET (fillfactor = 80);
ALTER TABLE payment_attempts SET (fillfactor = 80);
ALTER TABLE customers SET (fillfactor = 90);
