#!/bin/sh
# Installs Crosscheck for the current user on a Linux desktop: the program (cargo install), its
# menu entry, its icon, and the .crosscheck file type (opened with Crosscheck on double click).
# Everything goes under ~/.local and ~/.cargo; run again to update, or with --uninstall to remove.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
icons=$data/icons/hicolor/256x256/apps
mime=$data/mime/packages
if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/crosscheck.desktop" "$icons/crosscheck.png" "$mime/crosscheck.xml"
    cargo uninstall crosscheck 2>/dev/null || true
else
    cargo install --locked --path "$here"
    mkdir -p "$apps" "$icons" "$mime"
    cp "$here/assets/desktop/crosscheck.desktop" "$apps/crosscheck.desktop"
    cp "$here/assets/icon.png" "$icons/crosscheck.png"
    cp "$here/assets/desktop/crosscheck-mime.xml" "$mime/crosscheck.xml"
fi
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$data/icons/hicolor" 2>/dev/null || true
echo "done: Crosscheck is in the applications menu; .crosscheck files open with it"
