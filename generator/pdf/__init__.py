"""What every PDF we write shares, defined once: fonts and the glyph check (`fonts`),
colours (`palette`), paper sizes (`paper`), paragraph styles (`styles`), lists
(`lists`), QR codes with their caption (`qr_code`), and document metadata with fixed
dates (`document`). The PDF exporters use this; it knows nothing of them.
"""
