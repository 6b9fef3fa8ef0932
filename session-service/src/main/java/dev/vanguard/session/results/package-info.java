@NullMarked
package dev.vanguard.session.results;

import org.jspecify.annotations.NullMarked;
