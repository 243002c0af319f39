-- A story is one row by its id alone. `id` is always `source:source_id` (Alert checks it, and now
-- the table does too), so `alert_id` refuses every row `alert_story` refused: a second row of the
-- same (source, source_id) has the same id. No query reads by (source, source_id); the second
-- unique index only cost every insert one more tree to check, write and commit.
alter table alert add constraint alert_id_is_story check (id = source || ':' || source_id);
alter table alert drop constraint alert_story;
