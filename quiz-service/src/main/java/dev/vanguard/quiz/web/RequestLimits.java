package dev.vanguard.quiz.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How big a request may be. A quiz at its caps (100 questions with long texts) is well
 * under the JSON limit; the image limit is the product rule (2 MiB) and also feeds the
 * multipart configuration.
 *
 * @param maxJsonBody the largest JSON request body accepted
 * @param maxImage the largest image accepted for upload
 */
@ConfigurationProperties("vanguard.quiz.limits")
public record RequestLimits(@DefaultValue("2MB") DataSize maxJsonBody, @DefaultValue("2MB") DataSize maxImage) {

	String bodyTooLargeDetail() {
		return "The request body is larger than " + describe(this.maxJsonBody) + ".";
	}

	public String imageTooLargeDetail() {
		return "Images may be at most " + describe(this.maxImage) + ".";
	}

	private static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MiB";
		}
		if (bytes % 1024 == 0) {
			return (bytes / 1024) + " KiB";
		}
		return bytes + " bytes";
	}

}
