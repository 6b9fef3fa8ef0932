/**
 * Load tools that measure Vanguard's delivery and answer paths.
 */
package dev.vanguard.bench;
