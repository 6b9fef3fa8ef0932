-- Bucket4j's buckets for the sign-in and registration limits (AttemptBuckets): the bucket state as Bucket4j
-- serialises it, and when the bucket is full again (epoch milliseconds), after which the
-- row counts nothing and housekeeping deletes it. The id is a hash of the limit's key, so
-- no e-mail or client address is stored. Bucket4j writes the id of the bucket's advisory
-- lock (the id again) into explicit_lock, which its deletion of expired rows locks on.
create table attempt_buckets (
    id            bigint primary key,
    state         bytea  not null,
    expires_at    bigint,
    explicit_lock bigint
);

create index attempt_buckets_expires_at_idx on attempt_buckets (expires_at);

-- The failures and registrations the limits used to count one row each.
drop table login_failures;
drop table registration_attempts;
