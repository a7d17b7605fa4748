# Install-time part of cmake/Install.cmake: writes the systemd units with the paths of the prefix
# being installed to, and the example config as <sysconfdir>/costgate/costgate.yaml.
# Set by install(CODE) before: COSTGATE_SOURCE_DIR, COSTGATE_STAGING_DIR.

# GNUInstallDirs' rule for the configuration directory: /etc for the system prefixes,
# /etc/opt/<name> for /opt/<name>, <prefix>/etc otherwise.
if(CMAKE_INSTALL_PREFIX MATCHES "^/(usr/?)?$")
  set(costgate_sysconfdir /etc)
elseif(CMAKE_INSTALL_PREFIX MATCHES "^/opt/(.*)$")
  set(costgate_sysconfdir /etc/opt/${CMAKE_MATCH_1})
else()
  set(costgate_sysconfdir ${CMAKE_INSTALL_PREFIX}/etc)
endif()
string(REGEX REPLACE "/$" "" costgate_prefix "${CMAKE_INSTALL_PREFIX}")

set(COSTGATE_BINARY ${costgate_prefix}/bin/costgate)
set(COSTGATE_CONFIG_FILE ${costgate_sysconfdir}/costgate/costgate.yaml)
set(COSTGATE_DOC_DIR ${costgate_prefix}/share/doc/costgate)
file(READ ${COSTGATE_SOURCE_DIR}/systemd/hardening.conf.in COSTGATE_HARDENING)
string(STRIP "${COSTGATE_HARDENING}" COSTGATE_HARDENING)
foreach(role proxy central)
  configure_file(${COSTGATE_SOURCE_DIR}/systemd/costgate-${role}.service.in
                 ${COSTGATE_STAGING_DIR}/costgate-${role}.service @ONLY)
endforeach()
file(INSTALL ${COSTGATE_STAGING_DIR}/costgate-proxy.service
             ${COSTGATE_STAGING_DIR}/costgate-central.service
     DESTINATION ${costgate_prefix}/lib/systemd/system)

# An operator's edited config is never overwritten by a later `cmake --install` (the package
# marks it a conffile: dpkg asks instead).
if(EXISTS "$ENV{DESTDIR}${COSTGATE_CONFIG_FILE}")
  message(STATUS "Keeping: $ENV{DESTDIR}${COSTGATE_CONFIG_FILE}")
else()
  file(INSTALL ${COSTGATE_SOURCE_DIR}/config/costgate.example.yaml
       DESTINATION ${costgate_sysconfdir}/costgate RENAME costgate.yaml)
endif()
