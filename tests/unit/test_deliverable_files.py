"""adapters.deliverable_files: a deliverable is replaced whole or not at all, never while open in an office program."""

from __future__ import annotations

import pytest

from sbplanner_plugin.adapters.deliverable_files import (
    DeliverableLockedError,
    DeliverableWriteError,
    locked_by_office,
    office_lock_files,
    write_atomically,
)


def test_writes_through_a_temporary_file_and_leaves_nothing_else(tmp_path) -> None:
    target = tmp_path / "tables.xlsx"
    seen = []

    def write(path):
        seen.append(path)
        assert path.parent == tmp_path and path != target  # in the destination folder: os.replace stays atomic
        path.write_bytes(b"new")

    write_atomically(target, write)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables.xlsx"]
    assert not seen[0].exists()


@pytest.mark.parametrize("lock", ["~$tables.xlsx", ".~lock.tables.xlsx#", "~$bles.xlsx"])
def test_an_office_lock_file_refuses_and_keeps_the_old_file(tmp_path, lock) -> None:
    target = tmp_path / "tables.xlsx"
    target.write_bytes(b"old")
    (tmp_path / lock).write_bytes(b"")
    assert locked_by_office(target)
    assert office_lock_files(target) == [tmp_path / lock]
    with pytest.raises(DeliverableLockedError) as caught:
        write_atomically(target, lambda p: p.write_bytes(b"new"))
    assert str(target) in str(caught.value) and "old file is kept" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["tables.xlsx", lock])


def test_a_failing_writer_keeps_the_old_file_and_removes_the_temporary(tmp_path) -> None:
    target = tmp_path / "tables.xlsx"
    target.write_bytes(b"old")

    def half(path):
        path.write_bytes(b"ha")
        raise OSError(28, "No space left on device")

    with pytest.raises(DeliverableWriteError) as caught:
        write_atomically(target, half)
    assert "No space left on device" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["tables.xlsx"]


def test_a_missing_folder_is_a_write_error(tmp_path) -> None:
    target = tmp_path / "missing" / "tables.xlsx"
    with pytest.raises(DeliverableWriteError):
        write_atomically(target, lambda p: p.write_bytes(b"new"))
    assert not target.parent.exists()


def test_a_new_file_is_not_private(tmp_path) -> None:
    target = tmp_path / "tables.xlsx"
    write_atomically(target, lambda p: p.write_bytes(b"new"))
    assert target.stat().st_mode & 0o044 == 0o044  # mkstemp's 0600 is widened to 0644
