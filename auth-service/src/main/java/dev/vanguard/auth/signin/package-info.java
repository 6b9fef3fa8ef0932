@NullMarked
package dev.vanguard.auth.signin;

import org.jspecify.annotations.NullMarked;
