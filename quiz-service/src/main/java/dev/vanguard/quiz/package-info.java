@NullMarked
package dev.vanguard.quiz;

import org.jspecify.annotations.NullMarked;
