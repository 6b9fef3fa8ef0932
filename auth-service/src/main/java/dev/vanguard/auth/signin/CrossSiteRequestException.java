package dev.vanguard.auth.signin;

import dev.vanguard.auth.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A cookie endpoint was called from a page of another site. */
class CrossSiteRequestException extends ErrorResponseException {

	CrossSiteRequestException() {
		super(HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN, Problems.CROSS_SITE_REQUEST,
				"Cross-site request refused", "This endpoint only accepts requests from Vanguard's own pages."), null);
	}

}
