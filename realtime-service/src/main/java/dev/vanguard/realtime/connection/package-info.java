@NullMarked
package dev.vanguard.realtime.connection;

import org.jspecify.annotations.NullMarked;
