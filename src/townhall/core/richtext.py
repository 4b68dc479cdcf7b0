"""The rich-text features editors get: enough for structured prose, nothing that breaks layout."""

EDITOR_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "blockquote",
]
