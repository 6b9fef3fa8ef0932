package dev.vanguard.quiz.library;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.type.SqlTypes;

/**
 * A quiz and its ordered questions, changed only as a whole so that {@link Version}
 * catches every concurrent edit: a revision always touches this row.
 */
@Entity
@Table(name = "quiz")
class Quiz {

	@Id
	@GeneratedValue
	@UuidGenerator(style = UuidGenerator.Style.VERSION_7)
	private UUID id;

	@Column(nullable = false, updatable = false)
	private UUID ownerId;

	@Column(nullable = false)
	private String title;

	@Column(nullable = false)
	private String description;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Visibility visibility;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> tags = new ArrayList<>();

	@OneToMany(mappedBy = "quiz", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("position")
	private List<Question> questions = new ArrayList<>();

	@Column(nullable = false)
	private int questionCount;

	/** The questions' texts for the generated search vector. */
	@Column(nullable = false)
	private String searchText;

	@Version
	private Long version;

	@Column(nullable = false, updatable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private Instant updatedAt;

	protected Quiz() {
	}

	private Quiz(UUID ownerId, Instant now) {
		this.ownerId = ownerId;
		this.createdAt = now;
	}

	static Quiz create(UUID ownerId, QuizContent content, Instant now) {
		Quiz quiz = new Quiz(ownerId, now);
		quiz.revise(content, now);
		return quiz;
	}

	/**
	 * Replaces everything the host wrote. Questions that name one of this quiz's question
	 * ids keep that id (and row); the others are new, and questions left out are deleted.
	 */
	void revise(QuizContent content, Instant now) {
		this.title = content.title();
		this.description = content.description();
		this.visibility = content.visibility();
		this.tags = new ArrayList<>(content.tags());
		Map<UUID, Question> existing = new HashMap<>();
		this.questions.forEach((question) -> existing.put(question.id(), question));
		List<Question> revised = new ArrayList<>();
		for (QuizContent.Question question : content.questions()) {
			int position = revised.size();
			Question kept = (question.id() != null) ? existing.remove(question.id()) : null;
			if (kept != null) {
				kept.revise(position, question);
				revised.add(kept);
			}
			else {
				revised.add(new Question(this, position, question));
			}
		}
		this.questions.clear();
		this.questions.addAll(revised);
		this.questionCount = revised.size();
		this.searchText = revised.stream().map(Question::text).collect(Collectors.joining("\n"));
		// Always moves, so that the version moves with every revision, whatever changed.
		this.updatedAt = (this.updatedAt != null && !now.isAfter(this.updatedAt)) ? this.updatedAt.plusNanos(1000)
				: now;
	}

	boolean isOwnedBy(UUID host) {
		return this.ownerId.equals(host);
	}

	boolean isVisibleTo(UUID host) {
		return isOwnedBy(host) || this.visibility == Visibility.PUBLIC;
	}

	QuizContent content() {
		return new QuizContent(this.title, this.description, this.visibility, this.tags,
				this.questions.stream().map(Question::content).toList());
	}

	UUID id() {
		return this.id;
	}

	UUID ownerId() {
		return this.ownerId;
	}

	String title() {
		return this.title;
	}

	String description() {
		return this.description;
	}

	Visibility visibility() {
		return this.visibility;
	}

	List<String> tags() {
		return List.copyOf(this.tags);
	}

	List<Question> questions() {
		return List.copyOf(this.questions);
	}

	long version() {
		return this.version;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

}
