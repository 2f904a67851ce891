-- DELETE /v1/products/{id} is a soft delete, as Polar's deleted_at: the row stays for the checkouts that still point
-- at it, and the API no longer shows it. Only a product nothing was sold through can be deleted.
ALTER TABLE products ADD COLUMN deleted_at timestamptz;

-- What ProductService.isDeletable looks for: orders, subscriptions and checkouts being paid (or paid) for the product.
CREATE INDEX orders_product_idx ON orders (product_id);
CREATE INDEX subscriptions_product_idx ON subscriptions (product_id);
CREATE INDEX checkouts_product_paying_idx ON checkouts (product_id) WHERE status IN ('confirmed', 'succeeded');
