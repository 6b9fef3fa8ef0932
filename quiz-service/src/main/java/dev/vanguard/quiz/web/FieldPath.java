package dev.vanguard.quiz.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Where in a request document a problem is: rendered as a field path
 * ({@code questions[1].options}) for people and as a JSON pointer
 * ({@code /questions/1/options}) for tools.
 */
public final class FieldPath {

	private static final FieldPath ROOT = new FieldPath(List.of());

	private final List<Object> segments;

	private FieldPath(List<Object> segments) {
		this.segments = segments;
	}

	public static FieldPath root() {
		return ROOT;
	}

	public static FieldPath of(String name) {
		return ROOT.field(name);
	}

	public FieldPath field(String name) {
		return append(name);
	}

	public FieldPath index(int index) {
		return append(index);
	}

	private FieldPath append(Object segment) {
		List<Object> longer = new ArrayList<>(this.segments);
		longer.add(segment);
		return new FieldPath(List.copyOf(longer));
	}

	/** This path below {@code prefix}, as when a quiz sits inside an import document. */
	public FieldPath under(FieldPath prefix) {
		List<Object> longer = new ArrayList<>(prefix.segments);
		longer.addAll(this.segments);
		return new FieldPath(List.copyOf(longer));
	}

	public String field() {
		StringBuilder field = new StringBuilder();
		for (Object segment : this.segments) {
			if (segment instanceof Integer index) {
				field.append('[').append(index).append(']');
			}
			else {
				if (!field.isEmpty()) {
					field.append('.');
				}
				field.append(segment);
			}
		}
		return field.toString();
	}

	public String pointer() {
		StringBuilder pointer = new StringBuilder();
		for (Object segment : this.segments) {
			pointer.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
		}
		return pointer.toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FieldPath path && path.segments.equals(this.segments);
	}

	@Override
	public int hashCode() {
		return this.segments.hashCode();
	}

	@Override
	public String toString() {
		return field();
	}

}
