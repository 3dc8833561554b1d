#!/usr/bin/env bash
# Installs the system packages SwiftGRPO needs (Debian/Ubuntu); a no-op when they are already there.
set -euo pipefail
need=()
for pkg in libopenblas-dev libzstd-dev pkg-config bubblewrap python3-venv openmpi-bin; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"
fi
