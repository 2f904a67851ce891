-- An order takes its invoice number as the last step of the transaction that creates it (just before commit),
-- so the organization's invoice counter row is locked only for that step and the commit: concurrent purchases of
-- one organization no longer wait on each other for a whole fulfilment. Inside that transaction the column is
-- briefly NULL; every committed order has its number.
ALTER TABLE orders ALTER COLUMN invoice_number DROP NOT NULL;
