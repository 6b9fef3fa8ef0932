@NullMarked
package dev.vanguard.quiz.image;

import org.jspecify.annotations.NullMarked;
