-- The demo's catalogue: SKU-001 .. SKU-020 with 1,000 units each; PUT /stock/{sku} sets other levels.
INSERT INTO stock (sku, available)
SELECT 'SKU-' || lpad(n::text, 3, '0'), 1000 FROM generate_series(1, 20) AS n;
