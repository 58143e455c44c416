-- What confirm saw: the stored object's ETag (S3's, or the local driver's MD5 in the same form).
-- The worker checks the bytes it downloads against it, so content swapped after confirm (a second
-- PUT to a still-valid upload URL) is refused with SOURCE_CHANGED instead of analysed.
ALTER TABLE videos ADD COLUMN source_etag text;
