package dev.vanguard.quiz.image;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageKindTests {

	@Test
	void recognisesEachFormatByItsMagicBytes() {
		assertThat(ImageKind.sniff(TestImages.png(100))).contains(ImageKind.PNG);
		assertThat(ImageKind.sniff(TestImages.jpeg(100))).contains(ImageKind.JPEG);
		assertThat(ImageKind.sniff(TestImages.webp(100))).contains(ImageKind.WEBP);
		assertThat(ImageKind.sniff(TestImages.gif(100))).contains(ImageKind.GIF);
	}

	@Test
	void refusesEverythingElse() {
		assertThat(ImageKind.sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
			.isEmpty();
		assertThat(ImageKind.sniff("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(ImageKind.sniff("RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(ImageKind.sniff(new byte[] { (byte) 0x89, 'P', 'N' })).isEmpty();
		assertThat(ImageKind.sniff(new byte[0])).isEmpty();
	}

}
