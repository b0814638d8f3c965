"""Find, check and (optionally) install the Python packages SBPlanner needs inside QGIS.

QGIS runs its own Python (Debian/Ubuntu: ``/usr/bin/python3``; Windows: OSGeo4W's; macOS: the
one inside QGIS.app), so the plugin must find numpy / pandas / shapely / numba / pyflwdir
(:data:`REQUIREMENTS`: exactly the third-party packages the plugin imports, which a unit test checks
against the source, requirements.txt, constraints.txt, metadata.txt and the README) wherever a real
installation keeps them:

* the system packages (apt ``python3-*``, OSGeo4W, QGIS.app) and the pip user site — Python
  puts those on ``sys.path`` by itself;
* extra folders added by :func:`ensure_private_site_on_path`, in this order:

  a. ``SBPLANNER_DEPS_DIR`` (environment; several folders separated by ``os.pathsep``),
  b. the plugin-private folder ``<QGIS profile>/python/sbplanner-deps`` (filled by
     :func:`install_private`, the panel's one-click install),
  c. each folder listed in ``sbplanner_plugin/deps_path.txt``, which ``make deploy`` writes with
     the site-packages of the project's ``.venv``.

  They go in front of the system's site-packages (after the standard library), the precedence a
  virtual environment or ``pip --user`` gets, so a fixed-up package (e.g. shapely 2 over Debian
  12's shapely 1.8) really wins. numpy is never swapped silently: :func:`install_private` pins
  the numpy that QGIS already runs.

:func:`check_dependencies` reports every missing or incompatible package with the exact command
that fixes it on the current platform. Nothing here imports QGIS at module level.
"""

from __future__ import annotations

import importlib
import importlib.metadata as metadata
import os
import platform
import shutil
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEPS_PATH_FILE = PACKAGE_DIR / "deps_path.txt"
ENV_DEPS_DIR = "SBPLANNER_DEPS_DIR"
PRIVATE_DIR_NAME = "sbplanner-deps"

# Guards added to every pip command: numpy 2 breaks GDAL bindings built against numpy 1
# (``from osgeo import gdal_array`` fails) and pyflwdir 0.5.12 breaks with affine 3.
PIP_GUARDS = ("numpy<2", "affine<3")


@dataclass(frozen=True)
class Requirement:
    """One Python package SBPlanner needs."""

    package: str  # distribution name (importlib.metadata)
    module: str  # import name
    minimum: str | None  # inclusive lower bound
    below: str | None  # exclusive upper bound
    pip_spec: str  # what pip installs (matches constraints.txt)
    apt: str | None = None  # Debian/Ubuntu package
    apt_always_ok: bool = False  # every supported Debian/Ubuntu release ships a fitting version
    needed_by: str | None = None  # not imported by SBPlanner: a guard on a dependency of this package

    @property
    def required(self) -> str:
        parts = []
        if self.minimum:
            parts.append(f">={self.minimum}")
        if self.below:
            parts.append(f"<{self.below}")
        return ",".join(parts) or "any version"


#: What SBPlanner needs: the packages it imports, then guards on their own dependencies (``needed_by``).
#: numba 0.57 is the first release for Python 3.11 (the Python of QGIS on Debian 12); our kernels
#: (``core.jit``) and pyflwdir's need it.
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("numpy", "numpy", "1.22", "2", "numpy<2", "python3-numpy", apt_always_ok=True),
    Requirement("pandas", "pandas", "1.5", None, "pandas<3", "python3-pandas"),
    Requirement("shapely", "shapely", "2.0", "3", "shapely>=2,<3", "python3-shapely"),
    Requirement("numba", "numba", "0.57", None, "numba>=0.57", "python3-numba"),
    Requirement("pyflwdir", "pyflwdir", "0.5.8", None, "pyflwdir==0.5.12"),
    # step 6 (design deliverables): the SL/T 447 workbook and the Word report
    Requirement("openpyxl", "openpyxl", "3.0", None, "openpyxl>=3.0", "python3-openpyxl", apt_always_ok=True),
    Requirement("python-docx", "docx", "0.8.11", None, "python-docx>=0.8.11", "python3-docx", apt_always_ok=True),
    Requirement("affine", "affine", None, "3", "affine<3", "python3-affine", apt_always_ok=True, needed_by="pyflwdir"),
)

#: Optional packages: only the tiled pipeline for DEMs larger than memory (``adapters.tiled_dask``) imports
#: them, lazily. :func:`check_dependencies` never reports them (the plugin loads and runs without them);
#: :func:`require_optional` raises, with the install command, when the tiled path is used without them.
OPTIONAL_REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("dask", "dask", "2024.1", None, "dask[distributed]>=2024.1", needed_by="tiled"),
    Requirement("distributed", "distributed", "2024.1", None, "distributed>=2024.1", needed_by="tiled"),
)

#: Third-party modules SBPlanner imports that come with QGIS or the system, never from pip:
#: module → where it comes from. (psycopg2 only for plans in PostGIS; the plan store says so when
#: it is missing.)
SYSTEM_MODULES: dict[str, str] = {
    "qgis": "QGIS (python3-qgis / OSGeo4W / QGIS.app)",
    "processing": "QGIS's Processing plugin",
    "osgeo": "GDAL's Python bindings, shipped with QGIS",
    "psycopg2": "python3-psycopg2 / OSGeo4W, for PostGIS plans only",
}


#: On Linux, pip's binary wheels of these bundle their own GEOS; inside the ``qgis`` and
#: ``qgis_process`` executables, which have already loaded the system GEOS, they crash
#: ("WKB output dimension" then a double free). They must be built from source against the system
#: library, as Debian's own packages are.
SOURCE_BUILD_ON_LINUX = ("shapely",)
#: What a Debian/Ubuntu user needs to build them.
LINUX_BUILD_APT = "g++ python3-dev libgeos-dev"


@dataclass
class DependencyIssue:
    """A package that is missing, has an unusable version, or fails to import."""

    package: str
    found: str | None  # installed version, None when missing
    required: str  # e.g. ">=2.0,<3"
    problem: str  # English one-liner
    kind: str = "missing"  # "missing" | "incompatible" | "broken" | "wheel"

    def install_command(self, system: str | None = None) -> str:
        """Command that fixes this issue on ``system`` (default: the running platform)."""
        return install_command([self], system)


# --------------------------------------------------------------------------------------------
# versions


def version_tuple(text: str) -> tuple[int, ...]:
    """``"1.26.4"`` -> ``(1, 26, 4)``; stops at the first non-numeric part (``"2.0rc1"`` -> (2, 0))."""
    parts: list[int] = []
    for piece in str(text).strip().split("."):
        digits = ""
        for char in piece:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) != len(piece):
            break
    return tuple(parts)


def _compare(a: str, b: str) -> int:
    ta, tb = version_tuple(a), version_tuple(b)
    width = max(len(ta), len(tb))
    ta += (0,) * (width - len(ta))
    tb += (0,) * (width - len(tb))
    return (ta > tb) - (ta < tb)


def satisfies(version: str, requirement: Requirement) -> bool:
    """Whether ``version`` lies within the requirement's bounds."""
    if requirement.minimum and _compare(version, requirement.minimum) < 0:
        return False
    return not (requirement.below and _compare(version, requirement.below) >= 0)


def _installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _import_module(name: str) -> object:
    return importlib.import_module(name)


def _bundles_native_libs(package: str) -> bool:
    """True for a Linux manylinux wheel that carries its own shared libraries (``<pkg>.libs/``)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        files = metadata.distribution(package).files or []
    except metadata.PackageNotFoundError:
        return False
    return any(".libs/" in str(f) for f in files)


def _gdal_accepts_numpy2() -> bool:
    """True when the GDAL Python bindings were built for numpy 2 (QGIS 3.40+ on new systems)."""
    try:
        from osgeo import gdal_array  # noqa: F401
    except Exception:
        return False
    return True


# --------------------------------------------------------------------------------------------
# check


def check_dependencies(try_import: bool = True) -> list[DependencyIssue]:
    """Every missing, incompatible or broken dependency; an empty list when all is well.

    ``try_import`` also imports each package that is present (catches broken binary installs;
    importing pyflwdir loads numba, about a second).
    """
    issues: list[DependencyIssue] = []
    for req in REQUIREMENTS:
        found = _installed_version(req.package)
        if found is None:
            issues.append(
                DependencyIssue(req.package, None, req.required, f"{req.package} is not installed.", "missing")
            )
            continue
        compatible = satisfies(found, req)
        if not compatible and req.package == "numpy" and _compare(found, "2") >= 0 and _gdal_accepts_numpy2():
            compatible = True  # GDAL built against numpy 2: numpy 2 is fine there
        if not compatible:
            issues.append(
                DependencyIssue(
                    req.package,
                    found,
                    req.required,
                    f"{req.package} {found} is installed, but SBPlanner needs {req.package}{req.required}.",
                    "incompatible",
                )
            )
            continue
        # a shapely wheel would crash QGIS on import
        if req.package in SOURCE_BUILD_ON_LINUX and _bundles_native_libs(req.package):
            issues.append(
                DependencyIssue(
                    req.package,
                    found,
                    req.required,
                    f"{req.package} is a binary wheel with its own copy of GEOS, which crashes inside QGIS on "
                    "Linux; it must be rebuilt against the system library.",
                    "wheel",
                )
            )
            continue  # never import it here: that is the crash
        if try_import:
            try:
                _import_module(req.module)
            except Exception as error:
                issues.append(
                    DependencyIssue(
                        req.package,
                        found,
                        req.required,
                        f"{req.package} {found} is installed but cannot be imported: {error}",
                        "broken",
                    )
                )
    return issues


def check_optional(feature: str = "tiled", try_import: bool = True) -> list[DependencyIssue]:
    """Missing, incompatible or broken optional packages of ``feature`` (see :data:`OPTIONAL_REQUIREMENTS`)."""
    issues: list[DependencyIssue] = []
    for req in OPTIONAL_REQUIREMENTS:
        if req.needed_by != feature:
            continue
        found = _installed_version(req.package)
        if found is None:
            issues.append(DependencyIssue(req.package, None, req.required, f"{req.package} is not installed."))
        elif not satisfies(found, req):
            problem = f"{req.package} {found} is installed, but SBPlanner needs {req.package}{req.required}."
            issues.append(DependencyIssue(req.package, found, req.required, problem, "incompatible"))
        elif try_import:
            try:
                _import_module(req.module)
            except Exception as error:
                problem = f"{req.package} {found} is installed but cannot be imported: {error}"
                issues.append(DependencyIssue(req.package, found, req.required, problem, "broken"))
    return issues


def require_optional(feature: str = "tiled") -> None:
    """Raise :class:`~sbplanner_plugin.core.errors.OptionalPackageMissingError` (with the command that
    installs them on this platform) when the optional packages of ``feature`` are not usable."""
    issues = check_optional(feature)
    if issues:
        from sbplanner_plugin.core.errors import OptionalPackageMissingError

        packages = ", ".join(issue.package for issue in issues)
        raise OptionalPackageMissingError(packages=packages, command=install_command(issues))


# --------------------------------------------------------------------------------------------
# platform and commands


def os_release(path: str = "/etc/os-release") -> dict[str, str]:
    """Key/values of ``/etc/os-release`` (empty when absent)."""
    values: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as stream:
            for line in stream:
                key, sep, value = line.strip().partition("=")
                if sep:
                    values[key] = value.strip().strip('"')
    except OSError:
        pass
    return values


def current_platform() -> str:
    """``"windows"``, ``"macos"``, ``"debian"`` (Debian, Ubuntu and derivatives) or ``"linux"``."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    release = os_release()
    family = f"{release.get('ID', '')} {release.get('ID_LIKE', '')}".lower()
    if "debian" in family or "ubuntu" in family or Path("/etc/debian_version").exists():
        return "debian"
    return "linux"


def _apt_is_recent(release: dict[str, str] | None = None) -> bool:
    """Debian >= 13 / Ubuntu >= 24.04 ship pandas 2, shapely 2 and a numba for their Python."""
    release = os_release() if release is None else release
    version = version_tuple(release.get("VERSION_ID", "0"))
    distro = release.get("ID", "").lower()
    if distro == "debian":
        return version >= (13,)
    if distro == "ubuntu":
        return version >= (24, 4)
    ubuntu_base = release.get("UBUNTU_CODENAME", "")
    return ubuntu_base in {"noble", "oracular", "plucky", "questing"}


def _pip_needs_break_system_packages() -> bool:
    """PEP 668 'externally managed' Pythons (Debian 12+, Ubuntu 23.04+) refuse plain pip --user."""
    try:
        return Path(sysconfig.get_paths()["stdlib"], "EXTERNALLY-MANAGED").is_file()
    except (KeyError, OSError):
        return False


def python_executable() -> str:
    """The Python interpreter of the running QGIS (``sys.executable`` is QGIS itself there)."""
    exe = Path(sys.executable) if sys.executable else None
    if exe is not None and exe.name.lower().startswith("python") and exe.is_file():
        return str(exe)
    base = Path(sys.base_prefix)
    major, minor = sys.version_info[:2]
    for candidate in (
        base / "bin" / f"python{major}.{minor}",
        base / "bin" / "python3",
        base / "python.exe",
        base / "python3.exe",
    ):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("python3") or shutil.which("python") or "python3"


def _requirement(package: str) -> Requirement:
    for req in REQUIREMENTS + OPTIONAL_REQUIREMENTS:
        if req.package == package:
            return req
    raise KeyError(package)


def _pip_specs(packages: list[str]) -> list[str]:
    specs = [_requirement(p).pip_spec for p in packages]
    for guard in PIP_GUARDS:
        name = guard.split("<")[0]
        if not any(s.split("<")[0].split(">")[0].split("=")[0] == name for s in specs):
            specs.append(guard)
    return specs


def _quote(spec: str) -> str:
    return f'"{spec}"'


def install_command(issues: list[DependencyIssue] | list[str], system: str | None = None) -> str:
    """Shell command(s), one per line, that fix ``issues`` (or install package names) on ``system``.

    ``system``: ``"debian"``, ``"linux"``, ``"windows"``, ``"macos"`` (default: running platform).
    """
    packages = [i if isinstance(i, str) else i.package for i in issues]
    kinds = {(i if isinstance(i, str) else i.package): (None if isinstance(i, str) else i.kind) for i in issues}
    if not packages:
        return ""
    system = system or current_platform()
    if system == "windows":
        specs = " ".join(_quote(s) for s in _pip_specs(packages))
        return f"python -m pip install {specs}"
    if system == "macos":
        python = (
            python_executable() if sys.platform == "darwin" else "/Applications/QGIS.app/Contents/MacOS/bin/python3"
        )
        specs = " ".join(_quote(s) for s in _pip_specs(packages))
        return f'"{python}" -m pip install --user {specs}'
    pip_user = "python3 -m pip install --user"
    if system == "debian" and _pip_needs_break_system_packages():
        pip_user += " --break-system-packages"
    no_binary = ",".join(SOURCE_BUILD_ON_LINUX)
    if system != "debian":
        specs = [_quote(s) for s in _pip_specs(packages)]
        flags = ""
        if any(p in SOURCE_BUILD_ON_LINUX for p in packages):
            # needs a compiler and the GEOS development package of the distribution
            flags = f" --no-binary {no_binary}"
            if any(kinds.get(p) == "wheel" for p in packages):
                flags = " --force-reinstall" + flags
        return f"{pip_user}{flags} " + " ".join(specs)
    recent = _apt_is_recent()
    apt_packages: list[str] = []
    pip_packages: list[str] = []
    for package in packages:
        req = _requirement(package)
        # apt only helps when the package is missing (an apt upgrade can't fix "too new")
        apt_fits = req.apt and (req.apt_always_ok or recent)
        if apt_fits and kinds.get(package) in (None, "missing"):
            apt_packages.append(req.apt)
        else:
            pip_packages.append(package)
    lines = []
    # pip on Linux must build shapely from source (see SOURCE_BUILD_ON_LINUX)
    wheels = [p for p in pip_packages if kinds.get(p) == "wheel"]
    from_source = wheels or [p for p in pip_packages if p in SOURCE_BUILD_ON_LINUX]
    if from_source:
        apt_packages.extend(LINUX_BUILD_APT.split())
    if apt_packages:
        lines.append("sudo apt install " + " ".join(apt_packages))
    if pip_packages:
        specs = [_quote(s) for s in _pip_specs(pip_packages)]
        flags = ""
        if from_source:
            flags = f" --no-binary {no_binary}"
            if wheels:
                flags = " --force-reinstall" + flags
        lines.append(f"{pip_user}{flags} " + " ".join(specs))
    return "\n".join(lines)


_WHERE = {
    "debian": "Run in a terminal, then restart QGIS:",
    "linux": "Run in a terminal, then restart QGIS:",
    "windows": "Run in the OSGeo4W Shell (Start menu ▸ QGIS ▸ OSGeo4W Shell), then restart QGIS:",
    "macos": "Run in Terminal, then restart QGIS:",
}


def format_report(issues: list[DependencyIssue], system: str | None = None) -> str:
    """A plain-English report naming each problem and the command that fixes all of them."""
    if not issues:
        return "All Python packages SBPlanner needs are available."
    system = system or current_platform()
    lines = ["SBPlanner cannot run because of these Python packages:"]
    lines += [f"  • {issue.problem}" for issue in issues]
    lines.append(_WHERE.get(system, _WHERE["linux"]))
    lines += [f"    {line}" for line in install_command(issues, system).splitlines()]
    private = private_site_dir()
    if private is not None:
        lines.append(f"Or let SBPlanner install them into its private folder {private}.")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# extra site folders


def private_site_dir() -> Path | None:
    """``<QGIS profile>/python/sbplanner-deps`` (None outside QGIS)."""
    try:
        from qgis.core import QgsApplication
    except ImportError:
        return None
    settings_dir = QgsApplication.qgisSettingsDirPath()
    if not settings_dir:
        return None
    return Path(settings_dir) / "python" / PRIVATE_DIR_NAME


def _deps_path_file_entries(path: Path | None = None) -> list[Path]:
    path = path or DEPS_PATH_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [Path(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def candidate_site_dirs() -> list[Path]:
    """The extra folders, in priority order (see the module docstring); existing or not."""
    candidates: list[Path] = []
    env = os.environ.get(ENV_DEPS_DIR, "")
    candidates += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    private = private_site_dir()
    if private is not None:
        candidates.append(private)
    candidates += _deps_path_file_entries()
    return candidates


def _system_site_index() -> int:
    """Index in ``sys.path`` of the first site-/dist-packages folder (``len(sys.path)`` if none)."""
    for index, entry in enumerate(sys.path):
        name = Path(entry).name
        if name in ("site-packages", "dist-packages"):
            return index
    return len(sys.path)


def ensure_private_site_on_path() -> list[str]:
    """Put the existing extra folders on ``sys.path`` (once); returns the folders added."""
    added: list[str] = []
    for folder in candidate_site_dirs():
        if not folder.is_dir():
            continue
        text = str(folder.resolve())
        if text in sys.path:
            continue
        before = list(sys.path)
        site.addsitedir(text)  # appends the folder and processes its .pth files
        new_entries = [p for p in sys.path if p not in before]
        for entry in new_entries:
            sys.path.remove(entry)
        position = _system_site_index()
        sys.path[position:position] = new_entries
        added.append(text)
    if added:
        importlib.invalidate_caches()
    return added


def install_private(packages: list[str] | None = None, target: Path | None = None) -> tuple[bool, str]:
    """pip-install ``packages`` (default: every requirement) into the plugin-private folder.

    Returns ``(ok, log)``. numpy is pinned to the version QGIS already runs when that one fits,
    so the private folder never brings a second, different numpy.
    """
    target = target or private_site_dir()
    if target is None:
        return False, "No QGIS profile folder is known, so there is no private folder to install into."
    packages = packages or [req.package for req in REQUIREMENTS]
    specs = _pip_specs(packages)
    numpy_version = _installed_version("numpy")
    if numpy_version and satisfies(numpy_version, _requirement("numpy")):
        specs = [s for s in specs if not s.startswith("numpy")] + [f"numpy=={numpy_version}"]
    target.mkdir(parents=True, exist_ok=True)
    command = [python_executable(), "-m", "pip", "install", "--disable-pip-version-check", "--upgrade"]
    command += ["--target", str(target), *specs]
    env = dict(os.environ)
    env.pop("PYTHONHOME", None)
    env["PYTHONNOUSERSITE"] = "1"
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return False, f"{' '.join(command)}\n{error}"
    log = f"$ {' '.join(command)}\n{result.stdout}\n{result.stderr}"
    if result.returncode == 0:
        ensure_private_site_on_path()
    return result.returncode == 0, log


def describe_platform() -> str:
    """One line for bug reports: OS, Python and where it lives."""
    return f"{platform.platform()} · Python {platform.python_version()} ({python_executable()})"
