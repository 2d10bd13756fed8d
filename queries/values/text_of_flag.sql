-- A boolean column `value` as text, as equity.data.ingest writes it (profile/text_of.sql).
text_of_flag({value})
