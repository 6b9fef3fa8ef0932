@NullMarked
package dev.vanguard.realtime.store;

import org.jspecify.annotations.NullMarked;
