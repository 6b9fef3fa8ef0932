@NullMarked
package dev.vanguard.session.quiz;

import org.jspecify.annotations.NullMarked;
