"""``flashcards-<id>.pdf``: flash cards to cut out, fronts and backs for duplex printing."""
