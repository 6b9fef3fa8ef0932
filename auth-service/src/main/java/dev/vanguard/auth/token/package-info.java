@NullMarked
package dev.vanguard.auth.token;

import org.jspecify.annotations.NullMarked;
