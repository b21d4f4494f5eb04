"""Packaging files agree with each other and with the package: names, version, data files,
icons; the Linux install script really installs, upgrades and uninstalls (into a fake
home). The bundle itself is built and self-tested by packaging/ci_build.sh, not here."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import shutil
import stat
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

from surveys import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pyinstaller" / "rapport.spec"
ISS = PACKAGING / "windows" / "rapport.iss"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "desktop_app" / "resources" / "icons"


def load_module(path: Path):  # noqa: ANN201
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spec_constant(name: str):  # noqa: ANN201
    """A literal assigned at the top level of rapport.spec."""
    for node in ast.parse(SPEC.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned in {SPEC}")


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


# -- data files ------------------------------------------------------------------------------


def test_every_data_file_the_spec_lists_exists() -> None:
    for source, target in spec_constant("DATA_FILES"):
        matches = list(ROOT.glob(source)) if "*" in source else [ROOT / source]
        assert matches and all(m.exists() for m in matches), source
        # The bundle mirrors the package layout, so the code finds its files next to itself.
        assert target == (source.rsplit("/", 1)[0] if "*" in source else source)


def test_spec_ships_every_package_data_file() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    package_data = data["tool"]["setuptools"]["package-data"]
    sources = [ROOT / source.split("*")[0] for source, _ in spec_constant("DATA_FILES")]
    files = {
        path
        for package, globs in package_data.items()
        for pattern in globs
        for path in (ROOT / package).glob(pattern)
        if path.is_file()
    }
    assert files, "pyproject.toml lists no package data"
    missing = [f for f in files if not any(str(f).startswith(str(s)) for s in sources)]
    assert missing == []


def test_the_sentiment_model_weights_are_bundled_and_kept_by_the_trim() -> None:
    """The frozen bundle scores with the learned model: its weights are copied and the
    trim of unused Qt files (``_needed``) keeps them."""
    weights = "analysis/data/sentiment_model.npz"
    assert (ROOT / weights).is_file()
    assert any(
        weights.startswith(source + "/") and target == source
        for source, target in spec_constant("DATA_FILES")
    )
    tree = ast.parse(SPEC.read_text("utf-8"))
    [needed] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_needed"]
    namespace = {
        "Path": Path,
        "UNUSED_PLUGIN_DIRS": spec_constant("UNUSED_PLUGIN_DIRS"),
        "UNUSED_PLUGINS": spec_constant("UNUSED_PLUGINS"),
    }
    exec(compile(ast.Module([needed], []), str(SPEC), "exec"), namespace)  # noqa: S102
    assert namespace["_needed"](weights) is True
    assert namespace["_needed"]("PySide6/Qt/plugins/platforms/libqvnc.so") is False  # control


def test_the_user_guide_and_the_english_forms_are_shipped() -> None:
    """Help › User guide and the plural forms are read next to the package, installed or
    frozen: both must be package data and inside a folder the spec copies."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["desktop_app"]
    package = ROOT / "desktop_app"
    shipped = {path for pattern in globs for path in package.glob(pattern) if path.is_file()}
    needed = [
        package / "resources" / "user-guide.md",
        package / "resources" / "translations" / "rapport_en.qm",
    ]
    assert [path for path in needed if path not in shipped] == []
    folders = [ROOT / source for source, _ in spec_constant("DATA_FILES") if "*" not in source]
    assert all(any(path.is_relative_to(folder) for folder in folders) for path in needed)


def test_spec_collects_what_import_analysis_cannot_see() -> None:
    text = SPEC.read_text("utf-8")
    # Commands and panels are imported explicitly: no run-time discovery to work around.
    assert "collect_submodules" not in text
    assert 'includes=["vader_lexicon.txt"]' in text
    assert '"pptx": "pyz+py"' in text  # its templates are found through its module folders
    assert (PACKAGING / "pyinstaller" / "hooks" / "hook-nltk.py").exists()


def test_trimming_never_excludes_what_rapport_imports() -> None:
    excluded = set(spec_constant("UNUSED_QT"))
    used = set()
    for path in (ROOT / "desktop_app").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text("utf-8")))
    assert used and not used & excluded
    packages = set(spec_constant("UNUSED_PACKAGES"))
    needed = ("numpy", "scipy", "sklearn", "nltk", "pptx", "PIL", "openpyxl", "yaml")
    # imported at run time by numpy/scipy: excluding them broke the bundle's self-test
    needed += ("numpy.f2py", "unittest")
    assert not packages & set(needed)


# -- names and version -------------------------------------------------------------------------


def test_names_agree_across_spec_build_script_and_ci() -> None:
    assert spec_constant("NAME") == "rapport"
    assert spec_constant("APP_NAME") == "Rapport"
    build = load_module(PACKAGING / "build.py")
    assert spec_constant("NAME") == build.NAME
    assert build.version() == __version__
    assert "dist/rapport/rapport --self-test" in (PACKAGING / "ci_build.sh").read_text("utf-8")


def test_inno_setup_script_matches_the_bundle() -> None:
    text = ISS.read_text("utf-8")
    defines = dict(re.findall(r'#define (\w+) "([^"]*)"', text))
    assert defines["AppVersion"] == __version__, "bump the fallback AppVersion in rapport.iss"
    assert defines["AppName"] == "Rapport"
    assert defines["AppExe"] == f"{spec_constant('NAME')}.exe"
    assert defines["CliExe"] == f"{spec_constant('NAME')}-cli.exe"
    assert defines["BundleDir"].replace("\\", "/").endswith("dist/rapport")
    assert "PrivilegesRequired=admin" in text
    assert "DefaultDirName={autopf}\\{#AppName}" in text
    # The optional start-with-Windows task drives the machine-wide Run key.
    assert re.search(r'Name: "startup".*Flags: unchecked', text)
    run_key = [line for line in text.splitlines() if "CurrentVersion\\Run" in line]
    assert len(run_key) == 1 and run_key[0].startswith("Root: HKLM;")
    assert '"" respond"' in run_key[0] and "Tasks: startup" in run_key[0]
    assert "{param:SHARE|}" in text
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.MULTILINE).group(1)
    assert (ISS.parent / icon.replace("\\", "/")).resolve() == ICONS / "rapport.ico"
    assert (ICONS / "rapport.ico").exists()


def test_desktop_entries() -> None:
    main = desktop_entry(LINUX / "rapport.desktop")
    assert main["Type"] == "Application"
    assert main["Name"] == "Rapport"
    assert main["Exec"].split()[0] == spec_constant("NAME")
    assert main["Icon"] == "rapport"
    assert "Office;" in main["Categories"]
    assert main["Comment"]
    autostart = desktop_entry(LINUX / "rapport-respond.desktop")
    assert autostart["Exec"] == "rapport respond"
    for entry in (main, autostart):
        assert entry["X-Rapport-Version"] == __version__


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_desktop_entries_validate() -> None:
    for name in ("rapport.desktop", "rapport-respond.desktop"):
        result = subprocess.run(
            ["desktop-file-validate", str(LINUX / name)], capture_output=True, text=True
        )
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(not shutil.which("shellcheck"), reason="shellcheck is not installed")
def test_shell_scripts_pass_shellcheck() -> None:
    scripts = [LINUX / "install.sh", PACKAGING / "ci_build.sh"]
    result = subprocess.run(["shellcheck", *map(str, scripts)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# -- icons -------------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_icon_sizes_are_generated_from_the_svg() -> None:
    icons = load_module(PACKAGING / "make_icons.py")
    assert (ICONS / "rapport.svg").read_text("utf-8").startswith("<svg")
    for size in icons.SIZES:
        assert png_size((ICONS / f"rapport-{size}.png").read_bytes()) == (size, size)
    ico = (ICONS / "rapport.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    for n, size in enumerate(icons.ICO_SIZES):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * n : 22 + 16 * n]
        )
        assert (width or 256) == size
        assert png_size(ico[offset : offset + length]) == (size, size)
    icns = (ICONS / "rapport.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


# -- the Linux install script, run for real ----------------------------------------------------


def fake_bundle(folder: Path, works: bool = True) -> Path:
    """A stand-in for dist/rapport: an executable that answers --version."""
    (folder / "_internal").mkdir(parents=True)
    exe = folder / "rapport"
    exe.write_text(
        "#!/bin/sh\n"
        + (f'echo "rapport {__version__}"\n' if works else 'echo "broken" >&2; exit 1\n')
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return folder


def install(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    return subprocess.run(
        ["bash", str(LINUX / "install.sh"), *args], env=env, capture_output=True, text=True
    )


def test_install_script_installs_for_the_user_only(tmp_path: Path) -> None:
    home = tmp_path / "home dir"  # a space in the path must survive the Exec line
    bundle = fake_bundle(tmp_path / "bundle")
    result = install(home, "--bundle", str(bundle), "--autostart")
    assert result.returncode == 0, result.stderr
    target = home / ".local" / "opt" / "rapport"
    assert (target / "rapport").exists() and (target / "_internal").is_dir()
    entry = desktop_entry(home / ".local/share/applications/rapport.desktop")
    assert entry["Exec"] == f'"{target / "rapport"}"'
    assert entry["TryExec"] == str(target / "rapport")
    assert entry["Name"] == "Rapport" and entry["Icon"] == "rapport"
    icons = home / ".local/share/icons/hicolor"
    assert png_size((icons / "48x48/apps/rapport.png").read_bytes()) == (48, 48)
    assert (icons / "scalable/apps/rapport.svg").exists()
    autostart = desktop_entry(home / ".config/autostart/rapport-respond.desktop")
    assert autostart["Exec"] == f'"{target / "rapport"}" respond'
    assert f"Rapport {__version__} is installed" in result.stdout


def test_install_script_upgrades_removes_autostart_and_uninstalls(tmp_path: Path) -> None:
    home = tmp_path / "home"
    install(home, "--bundle", str(fake_bundle(tmp_path / "v1")), "--autostart")
    target = home / ".local/opt/rapport"
    (target / "_internal" / "stale.py").write_text("old")
    result = install(home, "--bundle", str(fake_bundle(tmp_path / "v2")), "--no-autostart")
    assert result.returncode == 0, result.stderr
    assert not (target / "_internal" / "stale.py").exists()  # replaced, not merged
    assert not (home / ".config/autostart/rapport-respond.desktop").exists()
    result = install(home, "--uninstall")
    assert result.returncode == 0
    assert not target.exists()
    assert not (home / ".local/share/applications/rapport.desktop").exists()
    assert not (home / ".local/share/icons/hicolor/48x48/apps/rapport.png").exists()


def test_install_script_keeps_the_old_install_when_the_new_bundle_is_broken(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    install(home, "--bundle", str(fake_bundle(tmp_path / "good")))
    result = install(home, "--bundle", str(fake_bundle(tmp_path / "bad", works=False)))
    assert result.returncode == 1
    assert "does not start" in result.stderr and "nothing was changed" in result.stderr
    assert 'echo "rapport' in (home / ".local/opt/rapport/rapport").read_text()
    assert not (home / ".local/opt/rapport.new").exists()


def test_install_script_explains_a_missing_bundle(tmp_path: Path) -> None:
    result = install(tmp_path / "home", "--bundle", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "no Rapport bundle" in result.stderr and "packaging/build.py" in result.stderr


# -- build helpers -----------------------------------------------------------------------------


def test_windows_version_resource(tmp_path: Path) -> None:
    build = load_module(PACKAGING / "build.py")
    path = tmp_path / "version.txt"
    build.write_windows_version_info(path, "1.2.3")
    tree = ast.parse(path.read_text("utf-8"), mode="eval")  # PyInstaller eval()s this text
    calls = {node.func.id: node for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert {"VSVersionInfo", "FixedFileInfo", "StringFileInfo", "VarFileInfo"} <= set(calls)
    fixed = {kw.arg: ast.literal_eval(kw.value) for kw in calls["FixedFileInfo"].keywords}
    assert fixed == {"filevers": (1, 2, 3, 0), "prodvers": (1, 2, 3, 0)}
    strings = {
        node.args[0].value: node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StringStruct"
    }
    assert strings["ProductVersion"] == "1.2.3" and strings["OriginalFilename"] == "rapport.exe"


def test_install_script_puts_the_command_on_the_users_path(tmp_path: Path) -> None:
    """Before: the docs say `rapport publish …`, `rapport respond …`, but the bundle went to
    ~/.local/opt/rapport only, so `rapport` was "command not found" after install.sh
    (docs/deploy.md, "Checked by following this page")."""
    home = tmp_path / "home"
    result = install(home, "--bundle", str(fake_bundle(tmp_path / "bundle")))
    assert result.returncode == 0, result.stderr
    link = home / ".local/bin/rapport"
    assert link.is_symlink() and link.resolve() == home / ".local/opt/rapport/rapport"
    assert f"Command: {link}" in result.stdout
    assert install(home, "--uninstall").returncode == 0
    assert not link.is_symlink()


def test_install_script_leaves_another_programs_rapport_command_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    other = home / ".local/bin/rapport"
    other.parent.mkdir(parents=True)
    other.write_text("#!/bin/sh\necho mine\n")
    result = install(home, "--bundle", str(fake_bundle(tmp_path / "bundle")))
    assert result.returncode == 0, result.stderr
    assert other.read_text() == "#!/bin/sh\necho mine\n"
    assert "belongs to another program and was left alone" in result.stdout
    assert install(home, "--uninstall").returncode == 0
    assert other.read_text() == "#!/bin/sh\necho mine\n"
