package dev.vanguard.quiz.library;

/** Who besides the owner can find and host a quiz. */
public enum Visibility {

	/** Only the owner. */
	PRIVATE,

	/** Every signed-in host, answers included, so that they can host or copy it. */
	PUBLIC

}
