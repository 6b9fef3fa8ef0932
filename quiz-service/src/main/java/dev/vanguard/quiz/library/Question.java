package dev.vanguard.quiz.library;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.type.SqlTypes;

/** One question of a quiz; only its quiz changes it. */
@Entity
@Table(name = "question")
class Question {

	@Id
	@GeneratedValue
	@UuidGenerator(style = UuidGenerator.Style.VERSION_7)
	private UUID id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "quiz_id", nullable = false, updatable = false)
	private Quiz quiz;

	@Column(nullable = false)
	private int position;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private QuestionType type;

	@Column(nullable = false)
	private String text;

	private String imageUrl;

	@Column(nullable = false)
	private int timeLimitSeconds;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private PointsMode points;

	@ElementCollection
	@CollectionTable(name = "question_option", joinColumns = @JoinColumn(name = "question_id"))
	@OrderColumn(name = "position")
	private List<Option> options = new ArrayList<>();

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> acceptedAnswers = new ArrayList<>();

	protected Question() {
	}

	Question(Quiz quiz, int position, QuizContent.Question content) {
		this.quiz = quiz;
		revise(position, content);
	}

	void revise(int position, QuizContent.Question content) {
		this.position = position;
		this.type = content.type();
		this.text = content.text();
		this.imageUrl = content.imageUrl();
		this.timeLimitSeconds = content.timeLimitSeconds();
		this.points = content.points();
		List<Option> revisedOptions = content.options()
			.stream()
			.map((option) -> new Option(option.text(), option.correct()))
			.toList();
		if (!revisedOptions.equals(this.options)) {
			this.options.clear();
			this.options.addAll(revisedOptions);
		}
		if (!content.acceptedAnswers().equals(this.acceptedAnswers)) {
			this.acceptedAnswers = new ArrayList<>(content.acceptedAnswers());
		}
	}

	QuizContent.Question content() {
		return new QuizContent.Question(this.id, this.type, this.text, this.imageUrl, this.timeLimitSeconds,
				this.points,
				this.options.stream().map((option) -> new QuizContent.Option(option.text, option.correct)).toList(),
				this.acceptedAnswers);
	}

	UUID id() {
		return this.id;
	}

	String text() {
		return this.text;
	}

	/** An answer option as stored; positions come from the list order. */
	@Embeddable
	record Option(@Column(nullable = false) String text, @Column(nullable = false) boolean correct) {

	}

}
