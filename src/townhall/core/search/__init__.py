"""One search for everything public (issue 16): a registry of sources, each app adding its
own (petitions, decisions, papers...), so core searches them all and imports none."""
