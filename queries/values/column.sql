-- A column `value` as it is stored (text read as text).
{value}
