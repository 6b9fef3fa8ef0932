@NullMarked
package dev.vanguard.session;

import org.jspecify.annotations.NullMarked;
