-- Uploaded question images live in the database so that every instance of the service
-- serves every image; the content hash is the key, so one image uploaded twice is stored once.
create table quiz_image (
	sha256 char(64) primary key,
	content_type varchar(32) not null,
	extension varchar(8) not null,
	size integer not null,
	data bytea not null,
	uploaded_by uuid not null,
	created_at timestamptz not null
);
