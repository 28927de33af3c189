#!/usr/bin/env bash
# Set-up and everyday commands. Each command first installs what is missing: the system
# libraries Qt loads (through apt-get when run as root, else it prints the line to run) and a
# project virtual environment in .venv with the app installed.
#
#   ./dev.sh run [ARGS...]     launch the app (ARGS go to the app, e.g. --data-dir DIR)
#   ./dev.sh test [ARGS...]    run the whole test suite offscreen (ARGS go to pytest)
#   ./dev.sh lint              ruff, mypy and the import-layer contracts
#   ./dev.sh bench             run the benchmarks and print their figures
#   ./dev.sh screenshots       screenshots of the main views into docs/ (under Xvfb)
#   ./dev.sh package           build the one-folder PyInstaller bundle into dist/
#   ./dev.sh install-desktop [BUNDLE]   add the bundle (default dist/study-planner) to the
#                              desktop's menu, with its icons, under ~/.local/share
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv

# Libraries Qt needs even offscreen, and fonts (without them a PDF carries no text).
QT_BASE=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)
# What Qt's xcb platform plugin loads to open a real window.
QT_WINDOW=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0)

ensure_system_packages() {
  local wanted=("$@") missing=() package
  if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    wanted+=(python3-venv)
  fi
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -eq 0 ]]; then
    step "Installing system packages: ${missing[*]}"
    quietly apt-get update -qq
    quietly env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Missing system packages. Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
}

# One line per set-up step; the step's own output only when it fails.
step() {
  echo "dev.sh: $*"
}

quietly() {
  local log status=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || status=$?
  if ((status)); then
    cat "$log" >&2
    echo "dev.sh: failed (exit $status): $*" >&2
  fi
  rm -f "$log"
  return "$status"
}

# Whether the project was installed with extras "$1" (or with a superset of them, as the
# test extras hold everything the app needs) since pyproject.toml last changed.
installed() {
  local stamp
  for stamp in "$VENV/.installed${1:+-$1}" "$VENV/.installed-test"; do
    [[ -f $stamp && ! pyproject.toml -nt $stamp ]] && return 0
  done
  return 1
}

# Create .venv and install the project (with extras "$1", if any) when pyproject.toml changed.
ensure_venv() {
  local extras=${1:-}
  if [[ ! -x $VENV/bin/python ]]; then
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
      { echo "Python 3.11 or newer is needed (found $("$PYTHON" --version))" >&2; exit 1; }
    step "Creating the virtual environment in $VENV"
    quietly "$PYTHON" -m venv "$VENV"
    quietly "$VENV/bin/python" -m pip install --upgrade pip
  fi
  installed "$extras" && return 0
  step "Installing the app${extras:+ with its $extras tools} into $VENV"
  quietly "$VENV/bin/python" -m pip install --editable ".${extras:+[$extras]}"
  touch "$VENV/.installed${extras:+-$extras}"
}

command=${1:-}
shift || true
case $command in
  run)
    ensure_system_packages "${QT_BASE[@]}" "${QT_WINDOW[@]}"
    ensure_venv
    exec "$VENV/bin/python" main.py "$@"
    ;;
  test)
    # pdftoppm (poppler-utils) renders the exported PDF's pages in the tests.
    ensure_system_packages "${QT_BASE[@]}" poppler-utils
    ensure_venv test
    QT_QPA_PLATFORM=offscreen exec "$VENV/bin/python" -m pytest "$@"
    ;;
  lint)
    ensure_venv test
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    "$VENV/bin/mypy"
    "$VENV/bin/lint-imports"
    ;;
  bench)
    ensure_system_packages "${QT_BASE[@]}"
    ensure_venv test
    for benchmark in benchmarks/bench_*.py; do
      echo "== $benchmark"
      QT_QPA_PLATFORM=offscreen "$VENV/bin/python" "$benchmark"
    done
    ;;
  screenshots)
    ensure_system_packages "${QT_BASE[@]}" "${QT_WINDOW[@]}" xvfb xauth poppler-utils
    ensure_venv
    xvfb-run -a -s "-screen 0 1400x900x24" "$VENV/bin/python" -m planner.ui.screenshots docs/
    ;;
  package)
    ensure_system_packages "${QT_BASE[@]}" binutils
    ensure_venv test
    "$VENV/bin/python" -m pip install --quiet "pyinstaller==6.22.3"
    "$VENV/bin/pyinstaller" --noconfirm --distpath dist --workpath build \
      packaging/study-planner.spec
    ;;
  install-desktop)
    bundle=$(realpath "${1:-dist/study-planner}")
    [[ -x $bundle/study-planner ]] ||
      { echo "No bundle at $bundle: build it with ./dev.sh package" >&2; exit 1; }
    share=${XDG_DATA_HOME:-$HOME/.local/share}
    mkdir -p "$share/applications" "$share/icons/hicolor"
    cp -r "$bundle/_internal/resources/icons/hicolor/." "$share/icons/hicolor/"
    sed -e "s|^Exec=.*|Exec=\"$bundle/study-planner\"|" \
      -e "s|^TryExec=.*|TryExec=$bundle/study-planner|" \
      packaging/study-planner.desktop >"$share/applications/study-planner.desktop"
    # Desktops that cache their menu and icons pick the new entry up at once.
    if command -v update-desktop-database >/dev/null; then
      update-desktop-database -q "$share/applications"
    fi
    if [[ -f $share/icons/hicolor/icon-theme.cache ]] && command -v gtk-update-icon-cache >/dev/null
    then
      gtk-update-icon-cache -q -t "$share/icons/hicolor"
    fi
    echo "Installed $share/applications/study-planner.desktop and its icons (Exec: $bundle)"
    ;;
  *)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
