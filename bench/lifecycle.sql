-- One checkout lifecycle (create -> client update -> confirm -> succeeded) as plain SQL, for pgbench.
-- It writes what Kassa writes for a one-time USD product bought by a new customer with a test card, on
-- Kassa's own tables (bench/run starts Kassa once first, so Flyway has migrated them), grouped as the
-- write transactions of the lifecycle's stages (create, update, confirm's two, the webhook's two). 31 statements. Variables from bench/run (pgbench -D):
--   :org  organization id   :product  product id   :price  its fixed USD price id   (1500 cents, 4% NY tax)
-- Per-statement sources: checkout/CheckoutRepository, payment/PaymentAttempts, customer/CustomerRepository,
-- customer/CustomerSessionService, payment/stripe/StripeEventRepository, order/OrderRepository.
-- Its client secrets start with polar_c_sql_, so that bench/run can tell its checkouts from Kassa's.

-- 1. merchant POST /v1/checkouts/
BEGIN;
INSERT INTO checkouts (id, organization_id, status, client_secret, expires_at, payment_processor_metadata,
    allow_discount_codes, require_billing_address, allow_trial, product_id, product_price_id, currency,
    amount, discount_amount, net_amount, customer_metadata, user_metadata, custom_field_data, created_at)
VALUES (gen_random_uuid(), :org, 'open', 'polar_c_sql_' || replace(gen_random_uuid()::text, '-', ''),
    now() + interval '24 hours', '{"publishable_key":"pk_test_kassa_emulator"}', true, false, true, :product, :price,
    'usd', 1500, 0, 1500, '{}', '{}', '{}', now())
RETURNING id AS checkout, client_secret AS secret \gset
INSERT INTO checkout_products (checkout_id, product_id, position) VALUES (:checkout, :product, 0);
COMMIT;

-- 2. buyer PATCH /v1/checkouts/client/{secret}: lock, then email, name, US-NY address and the tax calculation
BEGIN;
SELECT c.id FROM checkouts c WHERE c.client_secret = :secret FOR UPDATE OF c NOWAIT;
UPDATE checkouts SET customer_email = 'buyer-' || :checkout || '@bench.example', customer_name = 'Bench Buyer',
    customer_billing_address = '{"line1":"1 Main St","postal_code":"10001","city":"New York","state":"US-NY","country":"US"}',
    tax_amount = 60, tax_behavior = 'exclusive', tax_processor_id = 'taxcalc_' || md5(:checkout),
    tax_breakdown = '[{"rate":"4.0","state":"NY","amount":60,"country":"US","tax_type":"sales_tax","inclusive": false,"taxable_amount":1500,"taxability_reason":"standard_rated"}]',
    tax_inputs_hash = md5(:secret), modified_at = now()
WHERE id = :checkout;
COMMIT;

-- 3. buyer POST /v1/checkouts/client/{secret}/confirm, transaction 1 (before any Stripe call): lock, customer,
--    payment attempt with its priced snapshot, checkout confirmed, session token
BEGIN;
SELECT c.id FROM checkouts c WHERE c.client_secret = :secret FOR UPDATE OF c NOWAIT;
INSERT INTO customers (id, organization_id, email, email_verified, user_metadata, created_at)
VALUES (gen_random_uuid(), :org, 'buyer-' || :checkout || '@bench.example', false, '{}', now())
ON CONFLICT DO NOTHING
RETURNING id AS customer \gset
UPDATE customers SET name = 'Bench Buyer',
    billing_address = '{"line1":"1 Main St","postal_code":"10001","city":"New York","state":"US-NY","country":"US"}',
    modified_at = now()
WHERE id = :customer;
INSERT INTO payment_attempts (id, checkout_id, organization_id, number, idempotency_key, kind, request, snapshot, status,
    next_check_at, created_at, updated_at)
VALUES (gen_random_uuid(), :checkout, :org, 1, 'kassa_attempt_' || gen_random_uuid(), 'payment_intent',
    '{"kind":"PAYMENT_INTENT","amount":1560,"currency":"usd","confirmationToken":"ctoken_bench","customer": null,"customerDetails":{"email":"buyer@bench.example","name":"Bench Buyer","address":{"line1":"1 Main St","postalCode":"10001","city":"New York","state":"US-NY","country":"US"}},"description":"Bench - Bench","statementDescriptorSuffix":"bench","returnUrl":"http://127.0.0.1:8000/checkout/polar_c_bench/confirmation","saveForOffSession": false,"metadata":{"checkout_id":"00000000-0000-0000-0000-000000000000","organization_id":"00000000-0000-0000-0000-000000000000","type":"product","tax_amount":"60","tax_country":"US","tax_state":"NY","kassa_attempt_id":"00000000-0000-0000-0000-000000000000"}}',
    '{"checkoutId":"00000000-0000-0000-0000-000000000000","organizationId":"00000000-0000-0000-0000-000000000000","customerId":"00000000-0000-0000-0000-000000000000","productId":"00000000-0000-0000-0000-000000000000","productName":"Bench","priceId":"00000000-0000-0000-0000-000000000000","discountId": null,"currency":"usd","amount":1500,"discountAmount":0,"netAmount":1500,"taxAmount":60,"totalAmount":1560,"chargedNow": true,"recurringInterval": null,"recurringIntervalCount":1,"trialEnd": null,"billingName": null,"billingAddress":{"line1":"1 Main St","postalCode":"10001","city":"New York","state":"US-NY","country":"US"},"taxId": null,"taxIdFormat": null,"customFieldData":{},"metadata":{}}',
    'pending', now() + interval '2 minutes', now(), now())
RETURNING id AS attempt \gset
UPDATE checkouts SET status = 'confirmed', customer_id = :customer, customer_link = 'created',
    payment_processor_metadata = '{"publishable_key":"pk_test_kassa_emulator"}', modified_at = now()
WHERE id = :checkout;
INSERT INTO customer_sessions (id, customer_id, token_hash, expires_at, created_at)
VALUES (gen_random_uuid(), :customer, encode(sha256(:customer::text::bytea), 'hex'), now() + interval '1 hour', now());
COMMIT;

-- 4. confirm, transaction 2 (after Stripe answered succeeded): the Stripe customer, the outcome on the attempt,
--    fulfilment from the snapshot (invoice number, order, line item), checkout succeeded
BEGIN;
UPDATE payment_attempts SET stripe_customer_id = 'cus_' || md5(:customer), updated_at = now() WHERE id = :attempt;
UPDATE customers SET stripe_customer_id = 'cus_' || md5(:customer), modified_at = now() WHERE id = :customer;
SELECT c.id FROM checkouts c WHERE c.id = :checkout FOR UPDATE OF c;
SELECT a.id FROM payment_attempts a WHERE a.id = :attempt FOR UPDATE;
UPDATE payment_attempts SET status = 'succeeded', intent_id = 'pi_' || md5(:attempt), intent_status = 'succeeded',
    intent_amount = 1560, intent_currency = 'usd', next_check_at = now() + interval '30 seconds', resolved_at = now(),
    updated_at = now()
WHERE id = :attempt;
INSERT INTO order_invoice_counters (organization_id, next_number) VALUES (:org, 2)
ON CONFLICT (organization_id) DO UPDATE SET next_number = order_invoice_counters.next_number + 1
RETURNING next_number - 1 AS invoice \gset
INSERT INTO orders (id, organization_id, customer_id, product_id, product_price_id, checkout_id, status, billing_reason,
    subtotal_amount, discount_amount, net_amount, tax_amount, total_amount, currency, billing_address, invoice_number,
    custom_field_data, user_metadata, stripe_payment_intent_id, stripe_charge_id, created_at)
VALUES (gen_random_uuid(), :org, :customer, :product, :price, :checkout, 'paid', 'purchase', 1500, 0, 1500, 60, 1560, 'usd',
    '{"line1":"1 Main St","postal_code":"10001","city":"New York","state":"US-NY","country":"US"}',
    'BENCHSQL-' || lpad(:invoice::text, 4, '0'), '{}', '{}', 'pi_' || md5(:attempt), NULL, now())
ON CONFLICT (checkout_id) DO NOTHING
RETURNING id AS order_id \gset
INSERT INTO order_items (id, order_id, position, label, amount, tax_amount, proration, product_price_id, created_at)
VALUES (gen_random_uuid(), :order_id, 0, 'Bench', 1500, 60, false, :price, now());
UPDATE checkouts SET status = 'succeeded',
    payment_processor_metadata = '{"publishable_key":"pk_test_kassa_emulator","customer_id":"cus_bench","intent_client_secret":"pi_bench_secret_bench","intent_status":"succeeded"}',
    modified_at = now()
WHERE id = :checkout;
UPDATE payment_attempts SET next_check_at = NULL, updated_at = now() WHERE id = :attempt AND status = 'succeeded';
COMMIT;

-- 5. Stripe's payment_intent.succeeded webhook, stored, then processed: its attempt is settled already, so the
--    worker only marks it processed
BEGIN;
INSERT INTO stripe_events (id, type, object_id, payload, received_at, next_attempt_at)
VALUES ('evt_' || md5(:attempt), 'payment_intent.succeeded', 'pi_' || md5(:attempt),
    jsonb_build_object('id', 'evt_' || md5(:attempt), 'object', 'event', 'type', 'payment_intent.succeeded',
        'data', jsonb_build_object('object', jsonb_build_object('id', 'pi_' || md5(:attempt), 'object', 'payment_intent',
            'amount', 1560, 'currency', 'usd', 'status', 'succeeded', 'metadata',
            jsonb_build_object('checkout_id', :checkout::text, 'organization_id', :org::text, 'kassa_attempt_id', :attempt::text),
            'padding', repeat('x', 1400)))),
    now(), now())
ON CONFLICT (id) DO NOTHING;
COMMIT;
BEGIN;
SELECT id FROM stripe_events WHERE id = 'evt_' || md5(:attempt) AND processed_at IS NULL AND next_attempt_at <= now()
FOR UPDATE SKIP LOCKED;
SELECT status, next_check_at FROM payment_attempts WHERE id = :attempt;
UPDATE stripe_events SET processed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = 'evt_' || md5(:attempt);
COMMIT;
