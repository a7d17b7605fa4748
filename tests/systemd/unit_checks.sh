# Checks shared by check_units.sh (`cmake --install` into a throwaway root) and check_deb.sh
# (the Debian package unpacked into one). Sourced; each function exits 1 on a failure.

# expect_installed_files ROOT SOURCE_DIR: the files of cmake/Install.cmake under ROOT, each in
# its FHS place for the prefix /usr, and units that name the binary and the config there. The
# dashboard is expected when the source tree has it built (dashboard/dist).
expect_installed_files() {
  local root=$1 source_dir=$2 missing=0 path
  local paths=(usr/bin/costgate
    usr/lib/systemd/system/costgate-proxy.service
    usr/lib/systemd/system/costgate-central.service
    usr/lib/sysusers.d/costgate.conf
    etc/costgate/costgate.yaml
    usr/share/doc/costgate/README.md
    usr/share/doc/costgate/costgate.example.yaml)
  if [[ -f "$source_dir/dashboard/dist/index.html" ]]; then
    paths+=(usr/share/costgate/dashboard/index.html)
  else
    echo "dashboard/dist not built: not expecting the dashboard"
  fi
  for path in "${paths[@]}"; do
    if [[ ! -e "$root/$path" ]]; then
      echo "missing: /$path"
      missing=1
    fi
  done
  local role
  for role in proxy central; do
    if ! grep -qx "ExecStart=/usr/bin/costgate $role --config /etc/costgate/costgate.yaml" \
      "$root/usr/lib/systemd/system/costgate-$role.service"; then
      echo "costgate-$role.service: ExecStart does not name /usr/bin/costgate and /etc/costgate"
      missing=1
    fi
    # Without an [Install] section `systemctl enable` refuses the unit (verify does not mind).
    if ! grep -qx "WantedBy=multi-user.target" "$root/usr/lib/systemd/system/costgate-$role.service"; then
      echo "costgate-$role.service: no WantedBy=multi-user.target"
      missing=1
    fi
  done
  [[ $missing -eq 0 ]] || exit 1
  echo "installed files: ${#paths[@]} in place"
}

# check_units ROOT: `systemd-analyze verify` prints nothing for either unit installed under
# ROOT (it exits 0 on unknown keys and bad values, so any output is a failure), each unit's
# exposure score (`systemd-analyze security --offline=true`) is at most 2.0, and the installed
# config passes `costgate check-config`.
check_units() {
  local root=$1 max_exposure=2.0 failed=0 unit report score
  local units=(costgate-proxy.service costgate-central.service)
  # ExecReload's /bin/kill (procps on Debian) must exist in the root for verify.
  if [[ ! -e "$root/bin/kill" ]]; then
    mkdir -p "$root/bin"
    printf '#!/bin/sh\n' >"$root/bin/kill"
    chmod +x "$root/bin/kill"
  fi
  local verify_output
  verify_output=$(systemd-analyze verify --man=no --recursive-errors=no --root="$root" \
    "${units[@]}" 2>&1 || true)
  if [[ -n "$verify_output" ]]; then
    echo "systemd-analyze verify reported:"
    echo "$verify_output"
    exit 1
  fi
  echo "systemd-analyze verify ${units[*]}: no output"
  for unit in "${units[@]}"; do
    report=$(systemd-analyze security --offline=true --root="$root" "$unit" 2>&1)
    score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$report")
    if [[ -z "$score" ]]; then
      echo "$unit: no exposure score in:"
      echo "$report"
      exit 1
    fi
    echo "$unit: exposure $score (at most $max_exposure)"
    if awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s > m) }'; then
      grep '✗' <<<"$report"
      failed=1
    fi
  done
  [[ $failed -eq 0 ]] || exit 1
  "$root/usr/bin/costgate" check-config "$root/etc/costgate/costgate.yaml"
}
