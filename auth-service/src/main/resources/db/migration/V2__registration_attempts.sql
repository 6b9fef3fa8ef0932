-- Registrations per client address, for the registration limit; pruned once out of the
-- window.
create table registration_attempts (
    id             bigint      generated always as identity primary key,
    client_address varchar(64) not null,
    attempted_at   timestamptz not null
);

create index registration_attempts_address_idx on registration_attempts (client_address, attempted_at);

-- Sign-in failures are now limited per account and address together.
create index login_failures_email_address_idx on login_failures (email, client_address, failed_at);
