-- The quiz library: quizzes own an ordered list of questions; a question owns its options.

-- Search ignores case and accents in any language: 'simple' does not stem (quizzes are
-- written in many languages), unaccent folds "café" and "cafe" together.
create extension if not exists unaccent;

create text search configuration quiz_search (copy = simple);
alter text search configuration quiz_search
	alter mapping for hword, hword_part, word with unaccent, simple;

create table quiz (
	id uuid primary key,
	owner_id uuid not null,
	title varchar(120) not null,
	description varchar(1000) not null default '',
	visibility varchar(16) not null check (visibility in ('PRIVATE', 'PUBLIC')),
	tags text[] not null default '{}',
	question_count integer not null default 0,
	-- The questions' texts, kept by the application so that the search vector below can
	-- be a generated column of this one row.
	search_text text not null default '',
	search_vector tsvector generated always as (
		setweight(to_tsvector('quiz_search', title), 'A')
		|| setweight(to_tsvector('quiz_search', description), 'B')
		|| setweight(to_tsvector('quiz_search', search_text), 'C')) stored,
	version bigint not null,
	created_at timestamptz not null,
	updated_at timestamptz not null
);

create index quiz_search_vector_idx on quiz using gin (search_vector);
create index quiz_tags_idx on quiz using gin (tags);
create index quiz_owner_created_idx on quiz (owner_id, created_at desc, id desc);
create index quiz_public_created_idx on quiz (created_at desc, id desc) where visibility = 'PUBLIC';

create table question (
	id uuid primary key,
	quiz_id uuid not null references quiz (id) on delete cascade,
	position integer not null,
	type varchar(32) not null
		check (type in ('SINGLE_CHOICE', 'MULTIPLE_SELECT', 'TRUE_FALSE', 'TYPE_ANSWER', 'POLL')),
	text varchar(500) not null,
	image_url varchar(2048),
	time_limit_seconds integer not null check (time_limit_seconds between 5 and 240),
	points varchar(16) not null check (points in ('STANDARD', 'DOUBLE', 'NONE')),
	accepted_answers text[] not null default '{}'
);

create index question_quiz_idx on question (quiz_id, position);

create table question_option (
	question_id uuid not null references question (id) on delete cascade,
	position integer not null,
	text varchar(120) not null,
	correct boolean not null,
	primary key (question_id, position)
);
