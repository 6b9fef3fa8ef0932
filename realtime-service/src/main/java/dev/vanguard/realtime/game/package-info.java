@NullMarked
package dev.vanguard.realtime.game;

import org.jspecify.annotations.NullMarked;
