#!/usr/bin/env bash
# Install Rapport's Linux bundle for the current user (no root needed).
#
#   install.sh [--bundle DIR] [--autostart | --no-autostart] [--uninstall]
#
#   --bundle DIR     the built bundle (default: this script's folder if it holds the
#                    `rapport` executable, else dist/rapport of the source checkout)
#   --autostart      start the tray respondent (`rapport respond`) when the user logs in
#   --no-autostart   remove that autostart entry (default: leave it as it is)
#   --uninstall      remove the program, menu entry, icons and autostart entry; settings
#                    and workspaces are kept
#
# Installs into ~/.local/opt/rapport, the command `rapport` into ~/.local/bin (a link; an
# existing file of another program is left alone), the menu entry into
# ~/.local/share/applications and the icons into ~/.local/share/icons/hicolor
# (XDG_DATA_HOME and XDG_CONFIG_HOME are honoured). Re-running it upgrades in place: the
# new copy replaces the old one only once it is complete.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
config_home="${XDG_CONFIG_HOME:-$HOME/.config}"
target="$HOME/.local/opt/rapport"
bin_link="$HOME/.local/bin/rapport"
applications="$data_home/applications"
icons="$data_home/icons/hicolor"
autostart_dir="$config_home/autostart"
sizes="16 24 32 48 64 128 256 512"

bundle=""
autostart=""
uninstall=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle="${2:?--bundle needs a folder}"; shift 2 ;;
    --bundle=*) bundle="${1#--bundle=}"; shift ;;
    --autostart) autostart="yes"; shift ;;
    --no-autostart) autostart="no"; shift ;;
    --uninstall) uninstall="yes"; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option '$1'; see install.sh --help." >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" = 0 ]; then
  echo "install.sh: note: running as root installs Rapport for root only ($HOME)." >&2
  echo "For every user of this machine, see docs/deploy.md (Linux: /opt/rapport)." >&2
fi

refresh_caches() {
  # Menus and icon themes pick the files up without these; they only speed things up.
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$icons" || true
  fi
}

remove_autostart() {
  rm -f "$autostart_dir/rapport-respond.desktop"
}

ours() {  # the ~/.local/bin link is this script's (never remove another program's file)
  [ -L "$bin_link" ] && [ "$(readlink "$bin_link")" = "$target/rapport" ]
}

if [ -n "$uninstall" ]; then
  rm -rf "$target" "$target.new"
  if ours; then rm -f "$bin_link"; fi
  rm -f "$applications/rapport.desktop"
  for size in $sizes; do rm -f "$icons/${size}x${size}/apps/rapport.png"; done
  rm -f "$icons/scalable/apps/rapport.svg"
  remove_autostart
  refresh_caches
  echo "Rapport was removed. Settings (~/.config/Rapport) and workspaces were kept."
  exit 0
fi

if [ -z "$bundle" ]; then
  if [ -x "$here/rapport" ] && [ -d "$here/_internal" ]; then
    bundle="$here"
  else
    bundle="$here/../../dist/rapport"
  fi
fi
if [ ! -x "$bundle/rapport" ]; then
  echo "install.sh: no Rapport bundle in '$bundle' (the 'rapport' executable is missing)." >&2
  echo "Build it first (python packaging/build.py) or pass --bundle DIR." >&2
  exit 1
fi
bundle="$(cd "$bundle" && pwd)"
desktop_source="$here/rapport.desktop"
[ -f "$desktop_source" ] || desktop_source="$bundle/rapport.desktop"
autostart_source="$here/rapport-respond.desktop"
[ -f "$autostart_source" ] || autostart_source="$bundle/rapport-respond.desktop"
icon_source="$bundle/_internal/desktop_app/resources/icons"
[ -d "$icon_source" ] || icon_source="$here/../../desktop_app/resources/icons"

# Copy to a side folder first, then swap: an interrupted copy never leaves half a program.
mkdir -p "$(dirname "$target")"
rm -rf "$target.new"
cp -a "$bundle" "$target.new"
if ! "$target.new/rapport" --version >/dev/null 2>&1; then
  rm -rf "$target.new"
  echo "install.sh: the copied bundle does not start ('rapport --version' failed);" >&2
  echo "nothing was changed. Run '$bundle/rapport --self-test' to see what is missing." >&2
  exit 1
fi
rm -rf "$target"
mv "$target.new" "$target"

# Desktop entries point at the installed executable (quoted: the path may hold spaces).
exe="$target/rapport"
write_entry() {  # write_entry SOURCE DEST
  mkdir -p "$(dirname "$2")"
  sed -e "s|^Exec=rapport|Exec=\"$exe\"|" -e "s|^TryExec=rapport\$|TryExec=$exe|" "$1" > "$2.tmp"
  mv "$2.tmp" "$2"
}
write_entry "$desktop_source" "$applications/rapport.desktop"
if ours || { [ ! -e "$bin_link" ] && [ ! -L "$bin_link" ]; }; then
  mkdir -p "$(dirname "$bin_link")"
  ln -sfn "$exe" "$bin_link"
fi

for size in $sizes; do
  mkdir -p "$icons/${size}x${size}/apps"
  cp "$icon_source/rapport-$size.png" "$icons/${size}x${size}/apps/rapport.png"
done
mkdir -p "$icons/scalable/apps"
cp "$icon_source/rapport.svg" "$icons/scalable/apps/rapport.svg"

case "$autostart" in
  yes) write_entry "$autostart_source" "$autostart_dir/rapport-respond.desktop" ;;
  no) remove_autostart ;;
esac
refresh_caches

echo "Rapport $("$exe" --version | awk '{print $2}') is installed in $target."
echo "Menu entry: $applications/rapport.desktop"
if ours; then
  case ":$PATH:" in
    *":$HOME/.local/bin:"*) echo "Command: rapport ($bin_link)." ;;
    *) echo "Command: $bin_link (~/.local/bin is on the PATH from the next login on most distributions)." ;;
  esac
else
  echo "Command: $exe ($bin_link belongs to another program and was left alone)."
fi
if [ -f "$autostart_dir/rapport-respond.desktop" ]; then
  echo "The tray respondent starts at login ($autostart_dir/rapport-respond.desktop)."
fi
