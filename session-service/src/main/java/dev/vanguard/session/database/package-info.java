@NullMarked
package dev.vanguard.session.database;

import org.jspecify.annotations.NullMarked;
