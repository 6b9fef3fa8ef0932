package dev.vanguard.auth.signin;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** A cookie endpoint was called from a page of another site. */
class CrossSiteRequestException extends ProblemException {

	CrossSiteRequestException() {
		super(ProblemType.CROSS_SITE_REQUEST, "Cross-site request refused",
				"This endpoint only accepts requests from Vanguard's own pages.");
	}

}
