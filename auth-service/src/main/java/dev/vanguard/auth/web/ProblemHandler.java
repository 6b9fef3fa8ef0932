package dev.vanguard.auth.web;

import dev.vanguard.support.ProblemHandling;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every error of auth-service into an RFC 9457 problem with a type from the shared
 * catalogue; the features' refusals carry their problem, so nothing here is particular to
 * this service.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandling {

}
