@NullMarked
package dev.vanguard.realtime.events;

import org.jspecify.annotations.NullMarked;
