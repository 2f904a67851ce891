-- What a subscription needs once it lives on after its checkout (issue 11): why the buyer canceled, since when a
-- renewal is unpaid, and the saved payment method renewals charge (the Stripe PaymentMethod the checkout's intent
-- saved, or one the buyer set up later in the portal).
ALTER TABLE subscriptions
    ADD COLUMN customer_cancellation_reason  text CHECK (customer_cancellation_reason IN
        ('customer_service', 'low_quality', 'missing_features', 'switched_service', 'too_complex', 'too_expensive',
         'unused', 'other')),
    ADD COLUMN customer_cancellation_comment text,
    ADD COLUMN past_due_at                   timestamptz,
    ADD COLUMN stripe_payment_method_id      text;
