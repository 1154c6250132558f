-- What the channels need beyond a turn: reaching a person later, answering a retried delivery once,
-- and a handoff that staff carry on in a thread of their own desk (Slack).

-- Where a person can be reached outside a turn (a staff reply, a waitlist promotion): the channel's
-- own address (a Telegram chat id, a Teams conversation reference, a Slack DM). Erased with the user.
CREATE TABLE channel_addresses (
  user_id text PRIMARY KEY,
  channel text NOT NULL,
  address jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Platform deliveries already taken: a webhook delivered twice (a Telegram update, a Slack retry)
-- is answered once. The first claim wins, even when both copies arrive together.
CREATE TABLE channel_deliveries (
  channel text NOT NULL,
  delivery_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, delivery_id)
);
CREATE INDEX channel_deliveries_at_idx ON channel_deliveries (at);

-- A handoff posted to the staff desk: desk_ref is its thread there; once a person claims it, the
-- user's messages go to that thread instead of the assistant, until staff hand the user back.
ALTER TABLE handoffs
  ADD COLUMN desk_ref text,
  ADD COLUMN claimed_by text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX handoffs_desk_ref_idx ON handoffs (desk_ref) WHERE desk_ref IS NOT NULL;
CREATE INDEX handoffs_live_idx ON handoffs (conversation_id) WHERE status = 'taken';
