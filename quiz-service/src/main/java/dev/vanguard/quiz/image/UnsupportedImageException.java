package dev.vanguard.quiz.image;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * The uploaded bytes are not a PNG, JPEG, WebP or GIF image, whatever the file name says.
 */
class UnsupportedImageException extends ProblemException {

	UnsupportedImageException() {
		super(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Unsupported image",
				"The file is not a PNG, JPEG, WebP or GIF image (judged by its content, not its name).");
	}

}
