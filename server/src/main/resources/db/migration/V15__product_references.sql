-- is_deletable asks whether any order or subscription refers to a product: look it up by index, not by scan.
CREATE INDEX orders_product_idx ON orders (product_id);
CREATE INDEX subscriptions_product_idx ON subscriptions (product_id);
