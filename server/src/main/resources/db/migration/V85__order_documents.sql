-- Order documents (issue 11). An invoice is rendered once, when it is generated, and kept as is: Polar's "once the
-- invoice is generated, it's permanent". Receipts are rendered when downloaded, so they show the order as it is then
-- (refunds included), as Polar re-renders a receipt after each refund.
CREATE TABLE order_invoices (
    order_id   uuid PRIMARY KEY REFERENCES orders (id),
    file_name  text NOT NULL,
    pdf        bytea NOT NULL,
    created_at timestamptz NOT NULL
);

-- The HMAC keys that sign document download links, by name. The first node that needs a key inserts a random one
-- (INSERT ... ON CONFLICT DO NOTHING) and every node reads the row back, so all nodes sign alike across restarts.
CREATE TABLE signing_keys (
    name       text PRIMARY KEY,
    secret     bytea NOT NULL CHECK (octet_length(secret) >= 32),
    created_at timestamptz NOT NULL
);
