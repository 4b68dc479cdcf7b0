"""The page cache tag every public council page carries (council.views): bumped when the
council's record changes (council.signals)."""

COUNCIL_TAG = "council"
