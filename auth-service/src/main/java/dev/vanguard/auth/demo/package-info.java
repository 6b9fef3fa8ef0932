@NullMarked
package dev.vanguard.auth.demo;

import org.jspecify.annotations.NullMarked;
