/**
 * What auth-, quiz- and session-service share on the web: the catalogue of problem types
 * ({@link dev.vanguard.support.ProblemType}), one way to raise a problem
 * ({@link dev.vanguard.support.ProblemException}) and to map every error to one
 * ({@link dev.vanguard.support.ProblemHandling}), the security refusals as problems, the
 * request body limit and the internal-network rule for the actuator.
 */
@NullMarked
package dev.vanguard.support;

import org.jspecify.annotations.NullMarked;
