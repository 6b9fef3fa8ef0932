@NullMarked
package dev.vanguard.realtime;

import org.jspecify.annotations.NullMarked;
