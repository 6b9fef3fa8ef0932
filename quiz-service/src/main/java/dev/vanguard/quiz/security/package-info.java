@NullMarked
package dev.vanguard.quiz.security;

import org.jspecify.annotations.NullMarked;
