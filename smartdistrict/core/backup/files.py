"""The files part of a backup: every storage and private folder, with each file's SHA-256.

Areas are found from the configuration, so a storage added later is backed up too:
- ``storage-<alias>``: each storage in ``STORAGES`` but static files (rebuilt by
  ``collectstatic``), walked through Django's storage API (a local folder or object storage);
- ``folder-<name>``: the private folders kept outside the storages (``DASHBOARD_BRIEF_DIR``,
  ``TARGETS_IMPORT_DIR``) when they exist.
Files are copied after the database snapshot, so every file the database names is there.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput

FOLDER_SETTINGS = {"briefs": "DASHBOARD_BRIEF_DIR", "targets-imports": "TARGETS_IMPORT_DIR"}
_CHUNK = 1 << 20


def areas() -> dict[str, Storage]:
    """Every area of this configuration, by name."""
    found: dict[str, Storage] = {}
    for alias in settings.STORAGES:
        if alias != "staticfiles":
            found[f"storage-{alias}"] = storages[alias]
    for name, setting in FOLDER_SETTINGS.items():
        folder = getattr(settings, setting)
        if folder:
            found[f"folder-{name}"] = FileSystemStorage(location=str(folder))
    return found


def _walk(storage: Storage, prefix: str = "") -> Iterator[str]:
    try:
        folders, names = storage.listdir(prefix)
    except FileNotFoundError:  # a local folder never created: nothing stored yet
        return
    for name in sorted(names):
        yield f"{prefix}{name}"
    for folder in sorted(folders):
        yield from _walk(storage, f"{prefix}{folder}/")


def _copy(source, target, digest) -> int:
    size = 0
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return size


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_out(folder: Path) -> dict[str, dict[str, dict]]:
    """Copy every file of every area under ``folder/files``; returns name → sha256 and size."""
    listing: dict[str, dict[str, dict]] = {}
    for area, storage in areas().items():
        entries = listing[area] = {}
        for name in _walk(storage):
            target = folder / "files" / area / name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with storage.open(name, "rb") as source, target.open("wb") as out:
                size = _copy(source, out, digest)
            entries[name] = {"sha256": digest.hexdigest(), "size": size}
    return listing


def overall_checksum(listing: dict[str, dict[str, dict]]) -> str:
    """One checksum over every area, name and file checksum (order-independent)."""
    lines = sorted(f"{area}/{name} {entry['sha256']}\n"
                   for area, entries in listing.items() for name, entry in entries.items())
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def check_copies(folder: Path, listing: dict[str, dict[str, dict]]) -> list[str]:
    """Files of the backup folder that are missing or differ from the manifest."""
    problems = []
    for area, entries in listing.items():
        for name, entry in entries.items():
            path = folder / "files" / area / name
            if not path.is_file() or sha256_of(path) != entry["sha256"]:
                problems.append(f"{area}/{name}")
    return problems


def copy_in(folder: Path, listing: dict[str, dict[str, dict]]) -> dict[str, dict[str, dict]]:
    """Put every file back under its name; refuses (before writing) when an area is unknown
    here or a file of that name exists already. Returns what the storages now hold."""
    here = areas()
    unknown = sorted(set(listing) - set(here))
    if unknown:
        raise InvalidInput(_("This configuration has no storage for: %(areas)s.")
                           % {"areas": ", ".join(unknown)})
    taken = [f"{area}/{name}" for area, entries in listing.items() for name in entries
             if here[area].exists(name)]
    if taken:
        raise InvalidInput(
            _("%(count)d files exist already in the storages (first: %(first)s); restore "
              "needs empty storages.") % {"count": len(taken), "first": taken[0]}
        )
    for area, entries in listing.items():
        for name in entries:
            with (folder / "files" / area / name).open("rb") as handle:
                saved = here[area].save(name, File(handle, name=name))
            if saved != name:
                raise InvalidInput(_("The storage renamed %(name)s to %(saved)s.")
                                   % {"name": f"{area}/{name}", "saved": saved})
    restored: dict[str, dict[str, dict]] = {}
    for area in listing:
        restored[area] = {}
        for name in _walk(here[area]):
            digest = hashlib.sha256()
            with here[area].open(name, "rb") as source:
                size = _copy(source, _Discard(), digest)
            restored[area][name] = {"sha256": digest.hexdigest(), "size": size}
    return restored


class _Discard:
    def write(self, chunk: bytes) -> None:
        pass


def remove_partial(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
