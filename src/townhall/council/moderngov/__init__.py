"""Bringing the council's committee record in from its ModernGov site's public web service
(`mgWebService.asmx`): `site` fetches answers, `answers` reads them, `sync` stores them, and
`nightly` runs the sync from the worker once a day."""
