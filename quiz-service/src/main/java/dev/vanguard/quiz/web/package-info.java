@NullMarked
package dev.vanguard.quiz.web;

import org.jspecify.annotations.NullMarked;
