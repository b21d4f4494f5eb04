"""The ticket signer's warnings, in words for HR (Pulses section, `rapport ingest`, `tickets`)."""

from __future__ import annotations

from surveys.file_owner import owner_label


def one_owner_warning(wave: str, owner: str, requests: int) -> str:
    """The warning for a wave whose requests all come from one account (for people)."""
    named = f" ({owner_label(owner)})" if owner else ""
    return (
        f"Wave {wave}: {requests} ticket requests have the same owner as HR's own files"
        f"{named}, so this shared folder does not record who wrote a file (a FAT or NAS "
        "share mapping everyone to one account). Each request is signed: tickets still stop "
        "forged files from outside, but one person can ask more than once and departments "
        "are only as declared. Rely on the anomaly checks, or move the shared folder to a "
        "server that records owners."
    )


def unknown_owner_warning(requests: int) -> str:
    """The warning for requests refused because their owner could not be read (for people)."""
    many = requests != 1
    return (
        f"{requests} ticket request{'s were' if many else ' was'} refused because the shared "
        f"folder does not say which account wrote {'them' if many else 'it'}: HR's account "
        "could not read the file's owner. On a Windows file server, give HR's account the "
        "permission to read permissions on the requests folder; a FAT or exFAT drive records "
        "no owners at all, so move the shared folder to an NTFS drive or a file server. "
        "Requests are never signed without an owner: one person could otherwise ask for "
        "any number of tickets."
    )
