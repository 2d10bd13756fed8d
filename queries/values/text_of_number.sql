-- A floating-point column `value` as text, as equity.data.ingest writes it (profile/text_of.sql; NaN blank).
text_of_number({value})
