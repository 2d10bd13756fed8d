-- A floating-point column `value` as text, as equity.data.ingest writes it (text_of.sql; NaN blank).
text_of_number({value})
