"""Languages and what the station says: the translator, the one refusal-code catalog,
and labels for statuses, payments and holds."""
