-- Bookings of slots. The database, not the application, makes overbooking impossible:
--   slots.booked   seats held by confirmed Orienta bookings (kept equal to them, checked at commit);
--   slots.taken    derived here, never trusted from a writer: the partner's own count (data->'taken',
--                  what ingest exports) plus `booked`; CHECK taken <= capacity refuses any write
--                  that would take more seats than there are.
-- Ingest keeps writing the partner's count into `data` and may rewrite a slot at any time: the
-- derivation keeps Orienta's seats, whatever the partner re-exports.

ALTER TABLE slots ADD COLUMN booked integer NOT NULL DEFAULT 0;
ALTER TABLE slots ADD CONSTRAINT slots_booked_within_capacity CHECK (booked >= 0 AND booked <= capacity);

CREATE FUNCTION orienta_slot_taken() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  partner integer := GREATEST(coalesce((NEW.data ->> 'taken')::integer, 0), 0);
BEGIN
  -- A writer asking for more seats than there are is refused, even though its figure would be replaced.
  IF NEW.taken > NEW.capacity THEN
    RAISE EXCEPTION 'slot %: % seats taken of % violates slots_taken_within_capacity: overbooking refused', NEW.id, NEW.taken, NEW.capacity
      USING ERRCODE = 'check_violation', CONSTRAINT = 'slots_taken_within_capacity';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.booked > OLD.booked THEN
    -- Orienta taking seats: never clamped, an overbooking is refused outright.
    NEW.taken := partner + NEW.booked;
    IF NEW.taken > NEW.capacity THEN
      RAISE EXCEPTION 'slot %: % seat(s) asked, % free: overbooking refused (slots_taken_within_capacity)', NEW.id, NEW.booked - OLD.booked, GREATEST(OLD.capacity - OLD.taken, 0)
        USING ERRCODE = 'check_violation', CONSTRAINT = 'slots_taken_within_capacity';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.booked > NEW.capacity THEN
    RAISE EXCEPTION 'slot %: capacity % is below the % seats booked through Orienta; cancel bookings (orienta bookings cancel) before lowering it', NEW.id, NEW.capacity, NEW.booked
      USING ERRCODE = 'check_violation', CONSTRAINT = 'slots_booked_within_capacity';
  END IF;
  -- The partner re-exporting (or seats given back): a partner who sold seats Orienta had already
  -- booked cannot be undone here; the slot shows full, their figure stays in data, and no
  -- booking is lost.
  NEW.taken := LEAST(NEW.capacity, partner + NEW.booked);
  RETURN NEW;
END
$$;
CREATE TRIGGER slots_taken BEFORE INSERT OR UPDATE ON slots FOR EACH ROW EXECUTE FUNCTION orienta_slot_taken();

CREATE TABLE bookings (
  -- Read over the phone: no 0/O, 1/I/L.
  code text PRIMARY KEY CHECK (code ~ '^LTO-[2-9A-HJKMNP-Z]{4}$'),
  -- Arrival order: the waitlist is served by it (created_at ties under concurrency).
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  -- Prune removes a slot's cancelled history with it; active bookings stop it (trigger below).
  slot_id text NOT NULL REFERENCES slots (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  channel text NOT NULL,
  name text NOT NULL,
  contact text,
  group_size integer NOT NULL CHECK (group_size > 0),
  class_name text,
  status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  idempotency_key text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz
);
CREATE UNIQUE INDEX bookings_one_active_per_person ON bookings (slot_id, user_id) WHERE status <> 'cancelled';
-- A channel's message id is unique within its chat, not globally: the key is per user and channel.
CREATE UNIQUE INDEX bookings_idempotency ON bookings (channel, user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX bookings_slot_idx ON bookings (slot_id, status, seq);
CREATE INDEX bookings_user_idx ON bookings (user_id);

-- At commit, a slot's counter equals its confirmed bookings: code that inserts a booking without
-- taking its seats (or the reverse) cannot commit.
CREATE FUNCTION orienta_check_slot_counter(sid text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  counter integer;
  held integer;
BEGIN
  SELECT booked INTO counter FROM slots WHERE id = sid;
  IF counter IS NULL THEN RETURN; END IF;
  SELECT coalesce(sum(group_size), 0) INTO held FROM bookings WHERE slot_id = sid AND status = 'confirmed';
  IF counter <> held THEN
    RAISE EXCEPTION 'slot %: % seats counted as booked but confirmed bookings hold %', sid, counter, held
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
END
$$;

CREATE FUNCTION orienta_check_slot_booked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Branches, not one condition: OLD and NEW only have the fields of the table that fired.
  IF TG_TABLE_NAME = 'slots' THEN
    PERFORM orienta_check_slot_counter(NEW.id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM orienta_check_slot_counter(OLD.slot_id);
  ELSE
    PERFORM orienta_check_slot_counter(NEW.slot_id);
    IF TG_OP = 'UPDATE' THEN
      IF OLD.slot_id <> NEW.slot_id THEN PERFORM orienta_check_slot_counter(OLD.slot_id); END IF;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER bookings_match_counter AFTER INSERT OR DELETE OR UPDATE OF status, group_size, slot_id ON bookings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION orienta_check_slot_booked();
CREATE CONSTRAINT TRIGGER slots_booked_match_bookings AFTER UPDATE OF booked ON slots
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION orienta_check_slot_booked();

-- Ingest --prune must never drop a slot someone holds a seat or a waitlist place on.
CREATE FUNCTION orienta_slot_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  active integer;
BEGIN
  SELECT count(*) INTO active FROM bookings WHERE slot_id = OLD.id AND status <> 'cancelled';
  IF active > 0 THEN
    RAISE EXCEPTION 'slot % has % active booking(s) made through Orienta: cancel them (orienta bookings list --slot %) before removing the slot', OLD.id, active, OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER slots_in_use BEFORE DELETE ON slots FOR EACH ROW EXECUTE FUNCTION orienta_slot_in_use();
