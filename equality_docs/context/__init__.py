"""One context builder per document kind: the typed view of a plan a template receives."""
