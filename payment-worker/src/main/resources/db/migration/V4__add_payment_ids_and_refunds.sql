-- The saga's payment results name each payment (PaymentSucceeded and PaymentRefunded carry its id), a cancelled
-- order's charge is paid back (refund_reference and refunded_at, set together), and an order cancelled before it was
-- charged is kept as SKIPPED: never charged, nothing to pay back.
ALTER TABLE payments ADD COLUMN payment_id uuid;
UPDATE payments SET payment_id = gen_random_uuid();
ALTER TABLE payments ALTER COLUMN payment_id SET NOT NULL;
ALTER TABLE payments ADD CONSTRAINT payments_payment_id_key UNIQUE (payment_id);

ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN ('SUCCEEDED', 'DECLINED', 'SKIPPED'));

ALTER TABLE payments ADD COLUMN refund_reference text;
ALTER TABLE payments ADD COLUMN refunded_at timestamptz;
-- Only a successful charge can be paid back, and a refund always has the gateway's reference.
ALTER TABLE payments ADD CONSTRAINT payments_refund_check CHECK (
    (refunded_at IS NULL AND refund_reference IS NULL)
    OR (refunded_at IS NOT NULL AND refund_reference IS NOT NULL AND status = 'SUCCEEDED'));
