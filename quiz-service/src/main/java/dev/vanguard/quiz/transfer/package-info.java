@NullMarked
package dev.vanguard.quiz.transfer;

import org.jspecify.annotations.NullMarked;
