@NullMarked
package dev.vanguard.session.player;

import org.jspecify.annotations.NullMarked;
