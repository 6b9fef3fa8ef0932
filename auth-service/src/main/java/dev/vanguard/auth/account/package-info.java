@NullMarked
package dev.vanguard.auth.account;

import org.jspecify.annotations.NullMarked;
