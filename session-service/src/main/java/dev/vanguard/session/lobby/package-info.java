@NullMarked
package dev.vanguard.session.lobby;

import org.jspecify.annotations.NullMarked;
