-- Host accounts. E-mails are stored lower-cased, so the unique key is case-insensitive.
create table accounts (
    id            uuid         primary key,
    email         varchar(254) not null unique,
    password_hash varchar(255) not null,
    display_name  varchar(50)  not null,
    created_at    timestamptz  not null
);

-- One family per sign-in. Every refresh token issued by rotating its predecessor joins
-- the same family, so replaying a used token can revoke all of them at once.
create table refresh_token_families (
    id         uuid        primary key,
    account_id uuid        not null references accounts (id) on delete cascade,
    created_at timestamptz not null,
    revoked_at timestamptz
);

create index refresh_token_families_account_idx on refresh_token_families (account_id);

-- Only the SHA-256 of a refresh token is kept: a database leak yields no usable tokens.
create table refresh_tokens (
    id         uuid        primary key,
    family_id  uuid        not null references refresh_token_families (id) on delete cascade,
    token_hash varchar(64) not null unique,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_expires_idx on refresh_tokens (expires_at);

-- Failed sign-ins, counted in a sliding window per e-mail and per client address. In the
-- database rather than in memory so that every instance sees the same counts.
create table login_failures (
    id             bigint       generated always as identity primary key,
    email          varchar(254) not null,
    client_address varchar(64)  not null,
    failed_at      timestamptz  not null
);

create index login_failures_email_idx on login_failures (email, failed_at);
create index login_failures_address_idx on login_failures (client_address, failed_at);
create index login_failures_failed_at_idx on login_failures (failed_at);
