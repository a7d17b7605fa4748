# Sourced by the on-demand container tests (scripts/test-image.sh, scripts/test-deb-systemd.sh):
# podman with the settings this sandbox needs (../shared/CONTAINERS.md), through
# CONTAINERS_CONF / CONTAINERS_STORAGE_CONF files under WORK, nothing under /etc: runc (crun
# refuses the host's hybrid cgroups), cgroupfs, a file events log, limits within the shell's own
# hard limits, overlay storage when this kernel mounts it, else vfs.
# Usage: podman_sandbox WORK
podman_sandbox() {
  local work=$1 driver=vfs probe
  mkdir -p "$work/conf"
  probe=$(mktemp -d)
  mkdir -p "$probe"/{l,u,w,m}
  if mount -t overlay overlay -o "lowerdir=$probe/l,upperdir=$probe/u,workdir=$probe/w" "$probe/m" 2>/dev/null; then
    umount "$probe/m"
    driver=overlay
  fi
  rm -rf "$probe"
  cat >"$work/conf/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
network_backend = "netavark"
CONF
  cat >"$work/conf/storage.conf" <<CONF
[storage]
driver = "$driver"
runroot = "$work/storage/run"
graphroot = "$work/storage/graph"
CONF
  export CONTAINERS_CONF=$work/conf/containers.conf CONTAINERS_STORAGE_CONF=$work/conf/storage.conf
  echo "podman storage: $driver ($work/storage)"
}
