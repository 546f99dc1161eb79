-- The saga's compensation: a cancelled order's reservation is RELEASED (its items went back to stock at
-- released_at; the item rows stay as the record of what was taken and returned), and an order cancelled before it was
-- reserved is kept as SKIPPED: nothing taken, nothing to give back.
ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check
    CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'SKIPPED'));

ALTER TABLE reservations ADD COLUMN released_at timestamptz;
ALTER TABLE reservations ADD CONSTRAINT reservations_released_check
    CHECK ((status = 'RELEASED') = (released_at IS NOT NULL));
