@NullMarked
package dev.vanguard.quiz.sample;

import org.jspecify.annotations.NullMarked;
