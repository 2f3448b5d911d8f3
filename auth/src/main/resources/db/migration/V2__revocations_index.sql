-- Verifiers poll the recently revoked keys every few seconds (GET /.well-known/revocations.json).
CREATE INDEX api_key_revoked_at ON api_key (revoked_at) WHERE revoked_at IS NOT NULL;
