"""Build Rapport's one-folder bundle for this platform: ``python packaging/build.py``.

Runs PyInstaller on ``packaging/pyinstaller/rapport.spec`` into ``dist/rapport/``, prints
how long it took and how big the bundle is, and with ``--check`` runs the bundle's
``--self-test``. On Windows ``--installer`` then compiles the Inno Setup installer when
``ISCC.exe`` is on the PATH. Needs the ``build`` extra: ``pip install -e ".[build]"``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "pyinstaller" / "rapport.spec"
ISS = ROOT / "packaging" / "windows" / "rapport.iss"
NAME = "rapport"


def version() -> str:
    """The package version (surveys.__version__), read without importing the package."""
    for line in (ROOT / "surveys" / "__init__.py").read_text("utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("surveys/__init__.py has no __version__ line.")


def folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder`` (links not followed)."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total


def executable(dist: Path, cli: bool = True) -> Path:
    """The bundle's command-line executable for this platform."""
    if sys.platform == "win32":
        return dist / NAME / (f"{NAME}-cli.exe" if cli else f"{NAME}.exe")
    if sys.platform == "darwin":
        return dist / "Rapport.app" / "Contents" / "MacOS" / (f"{NAME}-cli" if cli else NAME)
    return dist / NAME / NAME


def write_windows_version_info(target: Path, ver: str) -> None:
    """The VERSIONINFO resource PyInstaller embeds in rapport.exe (Explorer › Details)."""
    numbers = [int(part) for part in ver.split(".")[:3] if part.isdigit()]
    numbers = tuple((numbers + [0, 0, 0, 0])[:4])
    strings = {
        "CompanyName": "Rapport",
        "FileDescription": "Rapport: relationships between departments",
        "FileVersion": ver,
        "InternalName": NAME,
        "OriginalFilename": f"{NAME}.exe",
        "ProductName": "Rapport",
        "ProductVersion": ver,
    }
    entries = ",\n".join(f"StringStruct('{k}', '{v}')" for k, v in strings.items())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}),\n"
        "  kids=[\n"
        f"    StringFileInfo([StringTable('040904B0', [{entries}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [1033, 1200])])\n"
        "  ]\n)\n",
        encoding="utf-8",
    )


def run_pyinstaller(dist: Path, work: Path, untrimmed: bool) -> float:
    """Run PyInstaller on the spec; return the seconds it took."""
    env = dict(os.environ)
    if untrimmed:
        env["RAPPORT_BUNDLE_UNTRIMMED"] = "1"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
    ]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def self_test(dist: Path) -> tuple[int, float]:
    """Run ``--self-test`` in the built bundle (offscreen if no platform is set)."""
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    code = subprocess.run([str(executable(dist)), "--self-test"], env=env).returncode
    return code, time.perf_counter() - start


def build_installer(dist: Path, ver: str) -> Path:
    """Compile the Inno Setup installer (Windows, ISCC.exe on the PATH)."""
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if sys.platform != "win32" or not iscc:
        raise SystemExit("--installer needs Windows with Inno Setup 6 (ISCC.exe on the PATH).")
    out = dist / "installer"
    subprocess.run(
        [iscc, f"/DAppVersion={ver}", f"/DBundleDir={dist / NAME}", f"/O{out}", str(ISS)],
        check=True,
    )
    return out / f"rapport-{ver}-setup.exe"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument(
        "--untrimmed", action="store_true", help="keep unused Qt modules (to measure trimming)"
    )
    parser.add_argument("--check", action="store_true", help="run --self-test on the bundle")
    parser.add_argument("--installer", action="store_true", help="Windows: build the setup.exe")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('PyInstaller is missing: pip install -e ".[build]"', file=sys.stderr)
        return 2
    ver = version()
    if sys.platform == "win32":
        write_windows_version_info(ROOT / "build" / "windows_version_info.txt", ver)
    seconds = run_pyinstaller(args.dist.resolve(), args.work.resolve(), args.untrimmed)
    bundle = args.dist / ("Rapport.app" if sys.platform == "darwin" else NAME)
    size = folder_size(bundle) / 2**20
    kind = "untrimmed" if args.untrimmed else "trimmed"
    print(f"Built Rapport {ver} ({kind}) in {seconds:.0f} s: {bundle} ({size:.0f} MiB)")
    if args.check:
        code, took = self_test(args.dist)
        print(f"Self-test {'passed' if code == 0 else 'FAILED'} in {took:.1f} s")
        if code:
            return code
    if args.installer:
        print(f"Installer: {build_installer(args.dist.resolve(), ver)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
