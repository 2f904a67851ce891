-- Custom fields attached to a product, in the order the merchant listed them.
CREATE TABLE product_custom_fields (
    product_id      uuid NOT NULL REFERENCES products (id),
    custom_field_id uuid NOT NULL REFERENCES custom_fields (id),
    position        integer NOT NULL,
    required        boolean NOT NULL,
    PRIMARY KEY (product_id, custom_field_id)
);
CREATE INDEX product_custom_fields_custom_field_idx ON product_custom_fields (custom_field_id);
