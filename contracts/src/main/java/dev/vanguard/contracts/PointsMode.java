package dev.vanguard.contracts;

/** How much a correct answer to a question is worth before the time factor. */
public enum PointsMode {

	STANDARD(1000), DOUBLE(2000), NONE(0);

	private final int points;

	PointsMode(int points) {
		this.points = points;
	}

	public int points() {
		return this.points;
	}

}
