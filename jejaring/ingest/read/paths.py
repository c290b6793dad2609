"""Find the files to read: folders expanded, links checked, each file once."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

__all__ = ["SUPPORTED_SUFFIXES", "iter_paths"]

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}
"""File name endings :func:`read_document` reads (case-insensitive), with the media type each gets."""


def iter_paths(
    paths: Iterable[Path],
    *,
    follow_symlinks: bool = False,
    extra_suffixes: Iterable[str] = (),
    skipped: Callable[[Path, str], None] | None = None,
) -> Iterator[tuple[Path, Path]]:
    """Expand files and folders into ``(file, root)`` pairs for :func:`read_document`.

    A folder gives every file of a supported type under it, recursively, sorted by relative path,
    with the folder as root; hidden files and folders (names starting with ".") are skipped, and so
    are symbolic links leading outside the folder unless ``follow_symlinks``, and links that loop or lead
    nowhere; a folder reached again through a link is not walked again, so walking always ends. A named file is
    yielded as it is (root: its parent folder), whatever its type or whether it exists, so that
    :func:`read_document` reports what is wrong with it. A file reached twice is yielded once.

    Parameters
    ----------
    paths : iterable of Path
        Files and folders, in the order to read them.
    follow_symlinks : bool, default False
        Also follow links that point outside the folder being expanded.
    extra_suffixes : iterable of str
        More file endings to take from folders (curated ``.yaml`` and ``.csv`` files, say).
    skipped : callable, optional
        Called with each symbolic link not followed and the reason, and once per folder holding files of
        other types (the folder, and the files named), for the caller to report.

    Yields
    ------
    tuple of (Path, Path)
        The file and the folder its identity is relative to.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ["b.md", "a/c.pdf", "notes.docx", ".hidden.txt"]:
    ...     (folder / name).parent.mkdir(exist_ok=True)
    ...     _ = (folder / name).write_text("x")
    >>> [file.relative_to(root).as_posix() for file, root in iter_paths([folder])]
    ['a/c.pdf', 'b.md']
    """
    seen: set[Path] = set()
    suffixes = set(SUPPORTED_SUFFIXES) | {s.lower() for s in extra_suffixes}
    for given in map(Path, paths):
        if given.is_dir():
            pairs = ((file, given) for file in _walk(given, follow_symlinks, suffixes, skipped))
        else:
            pairs = iter([(given, given.parent)])
        for file, root in pairs:
            key = file.resolve() if file.exists() else file.absolute()
            if key not in seen:
                seen.add(key)
                yield file, root


def _walk(folder: Path, follow_symlinks: bool, suffixes: set[str],
          skipped: Callable[[Path, str], None] | None = None) -> list[Path]:
    top = folder.resolve()
    found: list[Path] = []
    not_followed: list[tuple[str, Path, str]] = []
    unsupported: list[str] = []
    visited = {top}
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_path = Path(entry.path)
            if entry.is_symlink():
                target, why = _link_target(entry_path, top, follow_symlinks)
                if target is None:
                    not_followed.append((entry_path.relative_to(folder).as_posix(), entry_path, why))
                    continue
                if target.is_dir():
                    if target not in visited:  # a link back up the tree would loop
                        visited.add(target)
                        pending.append(entry_path)
                    continue
            if entry.is_dir():
                resolved = entry_path.resolve()
                if resolved not in visited:
                    visited.add(resolved)
                    pending.append(entry_path)
            elif entry.is_file() and entry_path.suffix.lower() in suffixes:
                found.append(entry_path)
            elif entry.is_file():
                unsupported.append(entry_path.relative_to(folder).as_posix())
    for _, link, why in sorted(not_followed) if skipped else ():
        skipped(link, why)
    if skipped and unsupported:  # one line for them all: a folder may hold hundreds
        skipped(folder, f"{len(unsupported)} file(s) of a type not read, skipped: {', '.join(sorted(unsupported))} "
                        f"(read: {', '.join(sorted(suffixes))})")
    # A file reached through a link and directly is listed once, under its own name when it has one.
    found.sort(key=lambda p: (p.resolve() != top / p.relative_to(folder), p.relative_to(folder).as_posix()))
    unique = {p.resolve(): p for p in reversed(found)}
    return sorted(unique.values(), key=lambda p: p.relative_to(folder).as_posix())


def _link_target(link: Path, top: Path, follow_symlinks: bool) -> tuple[Path | None, str]:
    """Where a symbolic link found under ``top`` leads, or None and why it is not followed."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return None, "a symbolic link that loops or leads nowhere: skipped"
    if not follow_symlinks and not target.is_relative_to(top):
        return None, f"a symbolic link to {target}, outside {top}: not followed (--follow-symlinks follows it)"
    return target, ""
