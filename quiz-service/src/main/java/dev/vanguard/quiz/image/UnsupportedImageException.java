package dev.vanguard.quiz.image;

import dev.vanguard.quiz.web.ProblemException;
import dev.vanguard.quiz.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/**
 * The uploaded bytes are not a PNG, JPEG, WebP or GIF image, whatever the file name says.
 */
class UnsupportedImageException extends ProblemException {

	UnsupportedImageException() {
		super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported image",
				"The file is not a PNG, JPEG, WebP or GIF image (judged by its content, not its name).");
	}

}
