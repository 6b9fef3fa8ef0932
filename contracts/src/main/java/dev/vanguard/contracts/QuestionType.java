package dev.vanguard.contracts;

/**
 * The kinds of question a quiz can hold. The rules of each are in DESIGN §3 and
 * {@code docs/protocol.md}.
 */
public enum QuestionType {

	/** Exactly one correct option among 2–6. */
	SINGLE_CHOICE,

	/** One or more correct options; scored by correct chosen minus wrong chosen. */
	MULTIPLE_SELECT,

	/** Two options, "True" and "False", one correct. */
	TRUE_FALSE,

	/** No options; the typed text is matched against accepted answers. */
	TYPE_ANSWER,

	/** Options but no correct answer; never scores. */
	POLL;

	/** Whether players answer by choosing options (rather than typing). */
	public boolean hasOptions() {
		return this != TYPE_ANSWER;
	}

	/** Whether an answer can be right or wrong. */
	public boolean isScored() {
		return this != POLL;
	}

}
