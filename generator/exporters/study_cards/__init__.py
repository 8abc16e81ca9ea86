"""Study cards beyond Anki: printable cards (`pdf`) and a term/definition file that
Quizlet-style importers read (`tsv`). `content` says what each card shows; a cloze
flashcard makes one card per deletion number, as Anki does.
"""
