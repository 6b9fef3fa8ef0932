@NullMarked
package dev.vanguard.auth.web;

import org.jspecify.annotations.NullMarked;
