"""English labels: the catalogue every other language is checked against."""

ENGLISH: dict[str, str] = {
    # Over each group of warning signs, so urgency never relies on colour alone.
    "urgency.now": "Get care right away",
    "urgency.soon": "See a health care provider",
    # The pocket card says the same in fewer, louder words; the sign is not a letter.
    "card.urgency.now": "\u26a0 GET CARE NOW",
    "card.urgency.soon": "SEE A PROVIDER",
    # Handout footer and QR caption.
    "source": "Source: {title} \u2014 {publisher}",
    "version": "Version {version}, reviewed {reviewed}",
    "page": "Page {page} of {pages}",
    "disclaimer": "This handout does not replace advice from your health care provider.",
    "qr.caption": "Scan to read this online:",
    "clinic.phone": "Phone: {phone}",
    "clinic.logo": "{clinic} logo",
    # The print sheet's footer.
    "sheet.calibration": "50 mm",
    "sheet.actual_size": "Print at 100% / actual size",
    "sheet.fold_over": (
        "Check the bar is 50 mm long. Cut on the crop marks, fold on the dashed line."
    ),
    "sheet.two_sided": (
        "Check the bar is 50 mm long. Print both sides, flip on the long edge; cut on the marks."
    ),
    # Study cards: a cloze's hidden words, as Anki shows them.
    "cloze.blank": "[...]",
    "cloze.hint": "[{hint}]",
    "study.how_to": (
        "Check the bar is 50 mm long. Print both sides, flip on the long edge; cut on the marks."
    ),
    "study.image": "Picture: {alt}",
    # PDF document properties.
    "pdf.card": "Pocket card",
    "pdf.sheet": "Pocket card print sheet",
    "pdf.handout": "Clinic handout",
    "pdf.study_cards": "Study cards",
    "pdf.keyword.version": "version {version}",
    "pdf.keyword.reviewed": "reviewed {reviewed}",
    # The Anki deck.
    "deck.name": "Health::{title}",
    "deck.reviewed": "Reviewed {reviewed}, version {version}.",
    "deck.source": "Source: {title}, {publisher}",
}
