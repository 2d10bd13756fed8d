-- One respondent's answer to item `i` (its column `column`): 1 when favourable (in the bound $favourable_`i`),
-- 0 for any other answer on the scale ($answered_`i`), NULL for a skip or an answer off the scale.
struct_pack(item := {i}, y := CASE WHEN list_contains($favourable_{i}, trim({column})) THEN 1.0
                                   WHEN list_contains($answered_{i}, trim({column})) THEN 0.0 END)
