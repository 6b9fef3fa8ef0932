package dev.vanguard.bench.targets;

/**
 * The question the comparison servers broadcast: the shape and size of a realtime-service
 * question frame (type, seq, index, text, four options, timing), so every server writes
 * about the same bytes.
 */
final class SamplePayload {

	private SamplePayload() {
	}

	static String question(long seq) {
		return "{\"type\":\"question\",\"seq\":" + seq + ",\"index\":0,\"questionCount\":10,"
				+ "\"question\":{\"type\":\"SINGLE_CHOICE\",\"text\":\"Which planet is known as the Red Planet?\","
				+ "\"imageUrl\":null,\"timeLimitSeconds\":20,\"points\":1000,"
				+ "\"options\":[\"Venus\",\"Mars\",\"Jupiter\",\"Saturn\"]},"
				+ "\"startedAt\":\"2026-01-01T12:00:00Z\",\"deadline\":\"2026-01-01T12:00:20Z\","
				+ "\"serverTime\":\"2026-01-01T12:00:00Z\"}";
	}

}
