"""Email addresses compared as their provider compares them, so one person is one
signature, one attendee, one name on a statement and one follower, whichever way they
write their address (dots and "+tags" where the provider ignores them, any case)."""

# Providers that ignore dots in the local part, and those that deliver "+tag" addresses to
# the same mailbox. Gmail does both; for the others only "+tags" are stripped.
IGNORES_DOTS = {"gmail.com", "googlemail.com"}
PLUS_TAGS = IGNORES_DOTS | {
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "live.com",
    "live.co.uk",
    "icloud.com",
    "me.com",
    "protonmail.com",
    "proton.me",
    "fastmail.com",
    "yahoo.com",
    "yahoo.co.uk",
}
SAME_MAILBOX = {"googlemail.com": "gmail.com"}


def normalise_email(email: str) -> str:
    local, _, domain = email.strip().lower().rpartition("@")
    domain = SAME_MAILBOX.get(domain, domain)
    if domain in PLUS_TAGS:
        local = local.split("+", 1)[0]
    if domain in IGNORES_DOTS:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def renormalise_rows(model, *, within: str | None = None) -> None:
    """For data migrations: compare each kept address as normalise_email does now. A row
    whose address now matches another's (in the same `within`) is left as it was, so no one's
    answer is lost."""
    for row in model.objects.all().iterator():
        wanted = normalise_email(row.email)
        if wanted == row.normalised_email:
            continue
        others = model.objects.filter(normalised_email=wanted)
        if within:
            others = others.filter(**{within: getattr(row, within)})
        if not others.exists():
            model.objects.filter(pk=row.pk).update(normalised_email=wanted)
