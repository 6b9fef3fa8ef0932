@NullMarked
package dev.vanguard.session.game;

import org.jspecify.annotations.NullMarked;
