@NullMarked
package dev.vanguard.session.web;

import org.jspecify.annotations.NullMarked;
