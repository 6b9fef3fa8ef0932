@NullMarked
package dev.vanguard.realtime.protocol;

import org.jspecify.annotations.NullMarked;
