"""Staff sign-in: single sign-on with the council's identity provider (OpenID Connect,
Microsoft Entra ID, Google Workspace) and a second factor before the admin opens
(docs/staff-sign-in.md). Residents' sign-in by emailed code stays core's (decision 12)."""
