import hashlib

import pytest

from xhprint.render.output import write_outputs


def _tree(root):
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_writes_files_and_reports_hashes(tmp_path):
    out = tmp_path / "build" / "2023-40"
    files = {"print/page-01.pdf": b"one", "report.json": b"{}"}
    result = write_outputs(out, files)
    assert _tree(out) == files
    assert [(o.path, o.sha256, o.bytes) for o in result] == [
        ("print/page-01.pdf", hashlib.sha256(b"one").hexdigest(), 3),
        ("report.json", hashlib.sha256(b"{}").hexdigest(), 2),
    ]
    assert sorted(p.name for p in out.parent.iterdir()) == ["2023-40"]  # no temp folders left


def test_shrinking_page_count_leaves_no_stale_pages(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, {f"print/page-{i:02d}.pdf": b"x" * i for i in range(1, 5)})
    write_outputs(out, {f"print/page-{i:02d}.pdf": b"y" * i for i in range(1, 3)})
    assert sorted(_tree(out)) == ["print/page-01.pdf", "print/page-02.pdf"]
    assert _tree(out)["print/page-02.pdf"] == b"yy"


def test_failure_mid_write_leaves_previous_outputs_untouched(tmp_path):
    out = tmp_path / "out"
    before = {"print/page-01.pdf": b"old", "report.json": b"{1}"}
    write_outputs(out, before)
    # "a" is written as a file, then "a/b" needs "a" to be a folder: fails half-way
    with pytest.raises(OSError):
        write_outputs(out, {"print/page-01.pdf": b"new", "a": b"1", "a/b": b"2"})
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("bad", ["../escape.pdf", "/abs.pdf", "print/../../x", ""])
def test_paths_must_stay_inside_out(tmp_path, bad):
    with pytest.raises(ValueError):
        write_outputs(tmp_path / "out", {bad: b"x"})
    assert not (tmp_path / "out").exists()


def test_leftovers_of_a_killed_build_are_tidied(tmp_path) -> None:
    from xhprint.render.output import write_outputs

    out = tmp_path / "OUT"
    write_outputs(out, {"print/page-01.pdf": b"one"})
    # killed while writing: an incomplete .new folder
    (tmp_path / ".OUT.new-abc").mkdir()
    (tmp_path / ".OUT.new-abc" / "half.pdf").write_bytes(b"%PDF-half")
    write_outputs(out, {"print/page-01.pdf": b"two"})
    assert (out / "print/page-01.pdf").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT"]


def test_killed_between_renames_restores_previous_outputs(tmp_path) -> None:
    from xhprint.render.output import recover_interrupted

    out = tmp_path / "OUT"
    old = tmp_path / ".OUT.old-xyz"
    (old / "print").mkdir(parents=True)
    (old / "print" / "issue.pdf").write_bytes(b"previous")
    recover_interrupted(out)
    assert (out / "print" / "issue.pdf").read_bytes() == b"previous"
    assert not old.exists()


def test_unchanged_file_is_linked_changed_one_written(tmp_path) -> None:
    out = tmp_path / "out"
    write_outputs(out, {"print/issue.pdf": b"same bytes", "report.json": b"{1}"})
    kept = (out / "print/issue.pdf").stat().st_ino
    replaced = (out / "report.json").stat().st_ino
    write_outputs(out, {"print/issue.pdf": b"same bytes", "report.json": b"{2}"})
    assert _tree(out) == {"print/issue.pdf": b"same bytes", "report.json": b"{2}"}
    assert (out / "print/issue.pdf").stat().st_ino == kept  # linked, not written again
    assert (out / "print/issue.pdf").stat().st_nlink == 1  # the old folder is gone
    assert (out / "report.json").stat().st_ino != replaced


def test_same_size_other_bytes_are_written(tmp_path) -> None:
    out = tmp_path / "out"
    write_outputs(out, {"a.pdf": b"abc"})
    write_outputs(out, {"a.pdf": b"abd"})
    assert _tree(out) == {"a.pdf": b"abd"}


def test_a_symlink_in_out_is_not_linked_through(tmp_path) -> None:
    """A symlink the user put in OUT is replaced by a plain file with the bytes; the file
    it points at is neither linked nor touched."""
    out = tmp_path / "out"
    write_outputs(out, {"x": b"1"})
    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(b"data")
    (out / "a.pdf").symlink_to(elsewhere)
    write_outputs(out, {"a.pdf": b"data"})
    assert not (out / "a.pdf").is_symlink()
    assert (out / "a.pdf").read_bytes() == b"data"
    assert (out / "a.pdf").stat().st_ino != elsewhere.stat().st_ino
    assert elsewhere.stat().st_nlink == 1
