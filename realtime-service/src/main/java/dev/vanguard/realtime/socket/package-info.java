@NullMarked
package dev.vanguard.realtime.socket;

import org.jspecify.annotations.NullMarked;
