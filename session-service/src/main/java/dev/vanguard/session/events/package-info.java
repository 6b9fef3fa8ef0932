@NullMarked
package dev.vanguard.session.events;

import org.jspecify.annotations.NullMarked;
