#!/usr/bin/env bash
# Turns a fresh Debian 12 machine into an Actors Xen host: the Xen hypervisor with Debian's kernel as dom0,
# libvirt with its Xen (libxl) driver, a bridge xenbr0 that guests' vifs join, and a directory for images.
# Run as root; reboot afterwards into Xen. Idempotent: running it again changes nothing that is already right.
#
#   sudo bash deploy/xen/setup-dom0.sh --nic eno1 [--dom0-memory 4096] [--supervisor-key ~/.ssh/id_ed25519.pub]
set -euo pipefail

nic="" dom0_memory=4096 key=""
while [ $# -gt 0 ]; do
  case "$1" in
    --nic) nic=$2; shift 2 ;;
    --dom0-memory) dom0_memory=$2; shift 2 ;;
    --supervisor-key) key=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "error: unknown argument '$1'; see --help" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "error: run as root" >&2; exit 2; }
[ -n "$nic" ] || { echo "error: --nic NAME is required: the network interface the bridge takes over (see 'ip link')" >&2; exit 2; }
ip link show "$nic" >/dev/null 2>&1 || { echo "error: --nic '$nic' is not an interface on this machine" >&2; exit 2; }
case "$dom0_memory" in ''|*[!0-9]*) echo "error: --dom0-memory '$dom0_memory' is not a number of MiB" >&2; exit 2 ;; esac
. /etc/os-release
[ "${VERSION_CODENAME:-}" = bookworm ] || echo "warning: written for Debian 12 (bookworm); this is ${PRETTY_NAME:-unknown}" >&2

echo "== packages: Xen, libvirt with the libxl driver, bridge tools"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  xen-system-amd64 libvirt-daemon-system libvirt-daemon-driver-xen libvirt-clients bridge-utils qemu-system-x86

echo "== boot: Xen first, dom0 with ${dom0_memory} MiB"
cat > /etc/default/grub.d/actors-xen.cfg <<CFG
GRUB_DEFAULT="Debian GNU/Linux, with Xen hypervisor"
GRUB_CMDLINE_XEN_DEFAULT="dom0_mem=${dom0_memory}M,max:${dom0_memory}M dom0_max_vcpus=2 dom0_vcpus_pin"
CFG
update-grub

echo "== network: bridge xenbr0 over ${nic} (guests' vifs join it; descriptors name xenbr0)"
cat > /etc/network/interfaces.d/xenbr0 <<CFG
auto xenbr0
iface xenbr0 inet dhcp
    bridge_ports ${nic}
    bridge_stp off
    bridge_fd 0
CFG
if grep -Eq "^\s*(auto|allow-hotplug|iface)\s+${nic}\b" /etc/network/interfaces; then
  echo "note: /etc/network/interfaces still configures ${nic}; change it to 'iface ${nic} inet manual' before rebooting" >&2
fi

echo "== libvirt: running at boot, images under /var/lib/actors/images"
systemctl enable --now libvirtd
install -d -m 0755 /var/lib/actors/images

if [ -n "$key" ]; then
  echo "== access: the supervisor's key may reach libvirt over ssh (xen+ssh://HOST/system)"
  id actors >/dev/null 2>&1 || useradd --system --create-home --groups libvirt actors
  install -d -m 0700 -o actors -g actors ~actors/.ssh
  grep -qxF "$(cat "$key")" ~actors/.ssh/authorized_keys 2>/dev/null || cat "$key" >> ~actors/.ssh/authorized_keys
  chown actors:actors ~actors/.ssh/authorized_keys
fi

echo "done: reboot into Xen, then check with: virsh -c xen:///system capabilities | grep -c xenpvh"
