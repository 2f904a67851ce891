-- Payment attempts become the durable state machine of a confirm (issue 7). The attempt is written, with
-- everything needed to finish the purchase, in the confirm's first short transaction; the Stripe call runs
-- after it committed; a second transaction records the outcome. Nothing is charged inside a transaction.
--
-- status:
--   pending    recorded; what Stripe did is not known yet (the call is running, its answer was lost, or the
--              node died): settled by looking the intent up, never by guessing
--   created    Stripe has the intent and it is not final yet (processing, requires_action)
--   succeeded  charged (PaymentIntent) or payment method saved (SetupIntent), or nothing to charge (free);
--              next_check_at stays set until its checkout is fulfilled
--   failed     the intent failed (requires_payment_method, canceled): nothing charged
--   declined   Stripe refused the request: nothing charged
ALTER TABLE payment_attempts DROP CONSTRAINT payment_attempts_status_check;
ALTER TABLE payment_attempts DROP CONSTRAINT payment_attempts_kind_check;
ALTER TABLE payment_attempts
    ADD COLUMN number             integer,
    ADD COLUMN snapshot           jsonb,
    ADD COLUMN intent_status      text,
    ADD COLUMN intent_amount      bigint,
    ADD COLUMN intent_currency    text,
    ADD COLUMN stripe_customer_id text,
    ADD COLUMN next_check_at      timestamptz,
    ADD COLUMN checks             integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error         text,
    ADD COLUMN flagged_at         timestamptz,
    ADD COLUMN resolved_at        timestamptz;

-- Attempts made before: numbered in the order they were made, and their pending ones due for a look-up now.
UPDATE payment_attempts a SET number = n.number
FROM (SELECT id, row_number() OVER (PARTITION BY checkout_id ORDER BY created_at, id) AS number FROM payment_attempts) n
WHERE n.id = a.id;
UPDATE payment_attempts a SET status = 'succeeded', resolved_at = a.updated_at
FROM checkouts c WHERE c.id = a.checkout_id AND c.status = 'succeeded' AND a.status = 'created';
UPDATE payment_attempts SET next_check_at = updated_at WHERE status IN ('pending', 'created');
-- Earlier designs could leave several unresolved attempts on one checkout: all but the latest go to the operator.
UPDATE payment_attempts a SET flagged_at = a.updated_at, last_error = 'unresolved attempt superseded before migration V13'
WHERE a.status IN ('pending', 'created')
  AND EXISTS (SELECT 1 FROM payment_attempts b WHERE b.checkout_id = a.checkout_id AND b.number > a.number
              AND b.status IN ('pending', 'created'));

ALTER TABLE payment_attempts ALTER COLUMN number SET NOT NULL;
ALTER TABLE payment_attempts ADD CONSTRAINT payment_attempts_kind_check
    CHECK (kind IN ('payment_intent', 'setup_intent', 'free'));
ALTER TABLE payment_attempts ADD CONSTRAINT payment_attempts_status_check
    CHECK (status IN ('pending', 'created', 'succeeded', 'failed', 'declined'));
CREATE UNIQUE INDEX payment_attempts_number_idx ON payment_attempts (checkout_id, number);
-- A checkout has at most one attempt whose outcome is not final: a new one is made only once the previous
-- one is known to have charged nothing.
-- (An attempt flagged for the operator is theirs to settle and no longer counts.)
CREATE UNIQUE INDEX payment_attempts_one_unresolved_idx ON payment_attempts (checkout_id)
    WHERE status IN ('pending', 'created') AND flagged_at IS NULL;
DROP INDEX payment_attempts_pending_idx;
-- What the reconciliation job still has to do: look an unresolved attempt up, or fulfil a succeeded one.
CREATE INDEX payment_attempts_due_idx ON payment_attempts (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX payment_attempts_flagged_idx ON payment_attempts (flagged_at) WHERE flagged_at IS NOT NULL;
