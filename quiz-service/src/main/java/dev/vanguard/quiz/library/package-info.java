@NullMarked
package dev.vanguard.quiz.library;

import org.jspecify.annotations.NullMarked;
