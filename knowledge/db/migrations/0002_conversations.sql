-- Conversations and their dialogue state: a restarted process picks a conversation up where it was.
-- Personal data is kept to what the flows need and is erasable per user (privacy export / erase).
CREATE TABLE conversations (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  channel text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('it', 'en')),
  state jsonb NOT NULL DEFAULT '{}',
  turns integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_user_idx ON conversations (user_id);
CREATE INDEX conversations_updated_idx ON conversations (updated_at);

CREATE TABLE turns (
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  -- The platform's message id: a retried delivery gets the stored reply instead of a second turn.
  message_id text,
  inbound jsonb NOT NULL,
  reply jsonb NOT NULL,
  intent text NOT NULL,
  feedback text CHECK (feedback IN ('positive', 'negative')),
  PRIMARY KEY (conversation_id, seq)
);
CREATE UNIQUE INDEX turns_message_idx ON turns (conversation_id, message_id) WHERE message_id IS NOT NULL;

-- Requests for a person: staff pick them up (Slack notifications come with the channels). No key
-- to conversations: a first message asking for a person is stored after its handoff.
CREATE TABLE handoffs (
  id bigserial PRIMARY KEY,
  conversation_id text,
  user_id text,
  channel text NOT NULL,
  reason text NOT NULL,
  contact text,
  summary text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handoffs_user_idx ON handoffs (user_id);
