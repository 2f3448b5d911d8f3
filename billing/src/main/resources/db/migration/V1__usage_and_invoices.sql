-- One row per message ever counted: the dedup key. A message is counted in the same transaction that
-- inserts this row, so redeliveries find it and count nothing.
CREATE TABLE counted_message (
    message_id uuid        PRIMARY KEY,
    counted_at timestamptz NOT NULL DEFAULT now()
);

-- Messages per tenant, UTC day (of accepted_at) and type.
CREATE TABLE usage_daily (
    tenant_id text   NOT NULL,
    day       date   NOT NULL,
    type      text   NOT NULL,
    messages  bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, type)
);

-- One invoice per tenant and month: the unique key makes closing a period idempotent.
CREATE TABLE invoice (
    id           uuid          PRIMARY KEY,
    tenant_id    text          NOT NULL,
    period_start date          NOT NULL,
    period_end   date          NOT NULL,
    currency     text          NOT NULL,
    total        numeric(18,6) NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, period_start)
);

CREATE TABLE invoice_line (
    invoice_id uuid          NOT NULL REFERENCES invoice (id),
    type       text          NOT NULL,
    quantity   bigint        NOT NULL,
    unit_price numeric(18,6) NOT NULL,
    amount     numeric(18,6) NOT NULL,
    PRIMARY KEY (invoice_id, type)
);
