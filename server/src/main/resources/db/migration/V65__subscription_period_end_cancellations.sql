-- Subscriptions canceled at period end that have not ended yet: what SubscriptionEndJob looks for on every node.
-- Small (only pending cancellations), so the job's scan stays cheap however many subscriptions there are.
CREATE INDEX subscriptions_pending_end_idx ON subscriptions (ends_at)
    WHERE cancel_at_period_end AND ended_at IS NULL;
