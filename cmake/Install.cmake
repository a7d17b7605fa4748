# What `cmake --install` and the Debian package (cpack -G DEB, scripts/build-deb.sh) put where,
# in FHS places under the install prefix (README "Deployment"):
#   bin/costgate                                 the binary (daemon/CMakeLists.txt)
#   lib/systemd/system/costgate-{proxy,central}.service
#   lib/sysusers.d/costgate.conf                 the costgate user and group
#   share/costgate/dashboard/                    the built dashboard (dashboard/dist), where the
#                                                daemon looks for it (daemon/roles/dashboard_dir)
#   share/doc/costgate/                          README, example configs
#   <sysconfdir>/costgate/costgate.yaml          the units' config (/etc/costgate for /usr)
# The units name the binary and the config by absolute path, so they are written at install
# time (cmake/InstallSystemd.cmake) from the prefix actually installed to: `--prefix /usr/local`
# and the package's /usr both get units that point at their own files.

# `install` does not build `all` (tests, benches) first: the package needs only the binary, and
# cpack would otherwise compile the whole test suite.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(FILES README.md config/costgate.example.yaml config/price-overrides.example.yaml
        DESTINATION share/doc/costgate)
install(FILES systemd/costgate.sysusers DESTINATION lib/sysusers.d RENAME costgate.conf)

set(COSTGATE_DASHBOARD_DIST ${PROJECT_SOURCE_DIR}/dashboard/dist)
install(DIRECTORY ${COSTGATE_DASHBOARD_DIST}/ DESTINATION share/costgate/dashboard OPTIONAL)
install(CODE "
  if(NOT EXISTS \"${COSTGATE_DASHBOARD_DIST}/index.html\")
    message(WARNING \"dashboard/dist is not built: installing without the dashboard \"
                    \"(scripts/build-dashboard.sh builds it)\")
  endif()")

install(CODE "set(COSTGATE_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
              set(COSTGATE_STAGING_DIR \"${PROJECT_BINARY_DIR}/systemd\")")
install(SCRIPT cmake/InstallSystemd.cmake)

# The Debian package: costgate_<version>_amd64.deb, depending on the shared libraries the binary
# links (dpkg-shlibdeps finds them) and nothing else.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME costgate)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "metering and budget gateway for AI APIs")
set(CPACK_PACKAGE_DESCRIPTION
    "costgate proxies calls to AI APIs (Gemini, Vertex AI, ElevenLabs, Google TTS), prices each "
    "one into a receipt, enforces budgets and ships receipts to central, which serves the usage "
    "API and the dashboard. Units: costgate-proxy.service, costgate-central.service.")
set(CPACK_PACKAGE_CONTACT "costgate maintainers <costgate@localhost>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
# Installed under DESTDIR with the prefix /usr, so the units are written with /usr/bin/costgate
# and /etc/costgate, and files with absolute destinations (/etc) land inside the package.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/cmake/debian/postinst ${PROJECT_SOURCE_DIR}/cmake/debian/prerm
    ${PROJECT_SOURCE_DIR}/cmake/debian/postrm ${PROJECT_SOURCE_DIR}/cmake/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
