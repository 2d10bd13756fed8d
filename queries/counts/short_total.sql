-- Groups in which the total row $total has fewer students than the schools of the file together (a total
-- cannot cover them then): how many, and up to five, each as its group, the total's students and the schools'.
-- Rows of different kinds (counts/described.sql) are different groups. Parameters: $total (VARCHAR).
WITH cells AS (
    SELECT school = $total AS is_total, described, denominator,
           concat_ws(' · ', nullif(CAST(race_ethnicity AS VARCHAR), 'Not reported'),
                     nullif(CAST(gender AS VARCHAR), 'Not reported'), grade, term, CAST(low_income AS VARCHAR),
                     CAST(english_learner AS VARCHAR), CAST(special_ed AS VARCHAR),
                     CAST(section_504 AS VARCHAR)) AS cell
    FROM (SELECT * FROM students UNION ALL BY NAME SELECT * FROM count_totals WHERE school = $total)
),
sums AS (
    SELECT cell, described,
           sum(denominator) FILTER (WHERE is_total) AS total,
           sum(denominator) FILTER (WHERE NOT is_total) AS schools
    FROM cells
    GROUP BY ALL
)
SELECT count(*) AS short,
       list(concat(nullif(cell, ''), ': ', CAST(total AS BIGINT), ' < ', CAST(schools AS BIGINT))
            ORDER BY cell)[1:5] AS cells
FROM sums
WHERE total < schools
