"""The PyInstaller bundle and what it is built from (icons rendered from the SVG, one version).

The tests marked ``slow`` build the bundle with ``./dev.sh package`` (a minute or more) and run
it as a learner does; the default test run leaves them out and ``.ci/run`` runs them with
``./dev.sh test -m slow``.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from planner import __version__
from planner.paths import DATABASE_FILENAME

ROOT = Path(__file__).resolve().parents[2]
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
BUNDLE = ROOT / "dist" / "study-planner"
START = "2031-03-03"
# Besides the C library: what the bundle leaves to the system (named in the README).
SYSTEM_LIBRARIES = ("libGL", "libEGL", "libGLX", "libGLdispatch", "libwayland-", "libxcb.so")
# What the app never loads, so the bundle must not carry it.
LEFT_OUT = ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt6Pdf", "Qt6VirtualKeyboard", "qgtk3")
LEFT_OUT_PACKAGES = ("hypothesis", "mypy", "pytest", "_pytest", "pytestqt", "pypdf", "pygments")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def assert_icon_theme(hicolor: Path) -> None:
    """``hicolor`` holds the icon at every size desktops use, and the SVG."""
    for size in SIZES:
        assert png_size(hicolor / f"{size}x{size}" / "apps" / "study-planner.png") == (size, size)
    svg = (hicolor / "scalable" / "apps" / "study-planner.svg").read_bytes()
    assert svg == (ROOT / "resources" / "icons" / "study-planner.svg").read_bytes()


def render_icons(out_dir: Path) -> dict[Path, int]:
    """Run the build's icon step; return each file it left with its modification time."""
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "render_icons.py"), str(out_dir)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {path: path.stat().st_mtime_ns for path in out_dir.rglob("*") if path.is_file()}


def test_the_icons_are_rendered_from_the_svg_at_every_desktop_size(tmp_path: Path) -> None:
    render_icons(tmp_path)

    assert_icon_theme(tmp_path / "hicolor")
    # Not a blank square: one flat colour would compress to a few hundred bytes.
    big = (tmp_path / "hicolor" / "512x512" / "apps" / "study-planner.png").stat().st_size
    assert big > 5_000
    assert (tmp_path / "study-planner.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_rendering_the_icons_again_leaves_them_untouched(tmp_path: Path) -> None:
    """An unchanged icon keeps its time, so PyInstaller reuses its cached analysis."""
    first = render_icons(tmp_path)
    for path in first:
        os.utime(path, ns=(1, 1))

    again = render_icons(tmp_path)

    assert set(again) == set(first)
    assert set(again.values()) == {1}


def test_the_version_is_written_once_and_pyproject_takes_it_from_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "planner.__version__"}
    assert __version__.count(".") == 2


def test_the_command_line_prints_the_version() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    assert result.stdout == f"study-planner {__version__}\n"


# The bundle --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle() -> Path:
    """Build the bundle once for this module (PyInstaller's cache in build/ is kept)."""
    result = subprocess.run(
        ["./dev.sh", "package"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return BUNDLE


def run(command: list[str], data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [*command, "--data-dir", str(data_dir), *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_the_bundle_prints_the_version_of_the_package(bundle: Path) -> None:
    result = subprocess.run(
        [str(bundle / "study-planner"), "--version"], capture_output=True, text=True, check=True
    )

    assert result.stdout == f"study-planner {__version__}\n"


@pytest.mark.slow
def test_the_bundle_passes_its_self_test_offscreen(bundle: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"

    result = run([str(bundle / "study-planner")], data_dir, "--self-test")

    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    # With no store yet, it checks a temporary one and leaves nothing behind.
    assert not data_dir.exists()
    # The learner's data never goes beside the executable.
    assert not list(bundle.rglob(f"*{Path(DATABASE_FILENAME).suffix}"))


@pytest.mark.slow
def test_the_command_line_runs_from_the_bundle_exactly_as_from_source(
    bundle: Path, tmp_path: Path
) -> None:
    steps = [
        ["init", "--level", "junior", "--specialization", "nlp", "--hours-per-week", "10",
         "--start", START, "--timezone", "UTC"],
        ["today", "--date", START, "--json"],
        ["done", "1"],
        ["today", "--date", START],
        ["status"],
        ["done", "999999"],
    ]  # fmt: skip
    outputs: dict[str, list[tuple[int, str, str]]] = {}
    for name, command in (
        ("source", [sys.executable, str(ROOT / "main.py")]),
        ("bundle", [str(bundle / "study-planner")]),
    ):
        results = [run(command, tmp_path / name, *step) for step in steps]
        outputs[name] = [(r.returncode, r.stdout, r.stderr) for r in results]

    assert outputs["bundle"] == outputs["source"]
    init, _, done, today, _, unknown = outputs["source"]
    assert "Created a plan of" in init[1]
    assert done[1].startswith("Done: ")
    assert "[x]" in today[1]
    assert unknown[0] != 0
    assert len(unknown[2].splitlines()) == 1


@pytest.mark.slow
def test_the_bundle_carries_qt_and_leaves_out_what_the_app_never_loads(bundle: Path) -> None:
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    names = [str(path.relative_to(bundle)) for path in files]

    assert not [name for name in names if any(left in name for left in LEFT_OUT)]
    assert not [name for name in names if "/translations/" in name]
    internal = bundle / "_internal"
    assert not [package for package in LEFT_OUT_PACKAGES if (internal / package).exists()]
    size_mb = sum(path.stat().st_size for path in files) / 2**20
    assert size_mb < 200, f"the bundle is {size_mb:.0f} MB"
    # Every library the bundle's own ELF files load is in the bundle, or one the system
    # must provide (named in the README).
    missing: set[str] = set()
    for library in (path for path in files if ".so" in path.name):
        listing = subprocess.run(
            ["ldd", str(library)], capture_output=True, text=True, check=False
        ).stdout
        missing |= {
            line.split()[0]
            for line in listing.splitlines()
            if "not found" in line and not line.strip().startswith(SYSTEM_LIBRARIES)
        }
    assert not missing


@pytest.mark.slow
def test_install_desktop_puts_the_entry_and_icons_in_the_data_home(
    bundle: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    environment = {**os.environ, "XDG_DATA_HOME": str(share)}

    subprocess.run(
        ["./dev.sh", "install-desktop"], cwd=ROOT, env=environment, check=True, timeout=120
    )

    entry = (share / "applications" / "study-planner.desktop").read_text(encoding="utf-8")
    executable = bundle / "study-planner"
    assert f'Exec="{executable}"\n' in entry
    assert f"TryExec={executable}\n" in entry
    assert "Icon=study-planner\n" in entry
    assert_icon_theme(share / "icons" / "hicolor")


@pytest.mark.slow
def test_the_bundle_exports_the_same_pdf_report_as_source(bundle: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    texts: dict[str, str] = {}
    for name, command in (
        ("source", [sys.executable, str(ROOT / "main.py")]),
        ("bundle", [str(bundle / "study-planner")]),
    ):
        data_dir = tmp_path / name
        init = ["init", "--level", "mid", "--specialization", "computer-vision",
                "--hours-per-week", "8", "--start", START, "--timezone", "UTC"]  # fmt: skip
        assert run(command, data_dir, *init).returncode == 0
        assert run(command, data_dir, "done", "1").returncode == 0
        report = tmp_path / f"{name}.pdf"
        result = run(command, data_dir, "export", str(report))
        assert result.returncode == 0, result.stderr
        texts[name] = "\n".join(page.extract_text() for page in PdfReader(report).pages)

    assert texts["bundle"] == texts["source"]
    assert "Computer Vision" in texts["bundle"]
