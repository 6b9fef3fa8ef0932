@NullMarked
package dev.vanguard.realtime.fanout;

import org.jspecify.annotations.NullMarked;
