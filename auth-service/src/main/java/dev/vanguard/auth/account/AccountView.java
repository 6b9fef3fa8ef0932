package dev.vanguard.auth.account;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A host's account as clients see it: never the password hash. */
@Schema(name = "User")
public record AccountView(UUID id, String email, String displayName, Instant createdAt) {
}
