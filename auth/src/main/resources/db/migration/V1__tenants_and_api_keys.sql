CREATE TABLE tenant (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Names are unique regardless of case: "Acme" and "acme" are the same tenant.
CREATE UNIQUE INDEX tenant_name_unique ON tenant (lower(name));

-- Only a keyed hash of the secret part is stored; key_id is the public prefix used to find the row.
CREATE TABLE api_key (
    key_id      text        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    secret_hash bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX api_key_tenant ON api_key (tenant_id);
