@NullMarked
package dev.vanguard.auth;

import org.jspecify.annotations.NullMarked;
