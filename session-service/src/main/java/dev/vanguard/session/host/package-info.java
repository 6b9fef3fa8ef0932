/**
 * Who the host is, read from their verified access token: below every feature whose
 * endpoints serve a host, so none of them depends on the web layer, which maps the
 * features' exceptions and so sits above them.
 */
@NullMarked
package dev.vanguard.session.host;

import org.jspecify.annotations.NullMarked;
