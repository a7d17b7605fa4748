# The dependency order, checked on every #include "..." of the sources (ctest: dependency_order).
#   cmake -DSOURCE_DIR=<repository> -P tests/deps/check_includes.cmake
#
# Layers, lowest first; each may include itself and the layers below it:
#   base <- config <- sqlite <- pricing <- filters <- daemon
# central sits beside filters: it may include base, config, sqlite and pricing only, so the
# store and the /v1 API never depend on the proxy's filters. daemon includes everything: it puts
# the roles together.
#
# Finer rules inside the layers:
#   daemon/server/ (the HTTP server core) knows nothing of proxying or central: it may not
#     include daemon/proxy, daemon/upstream, daemon/outbox, daemon/shipper, daemon/pricing,
#     daemon/budget, central/ or filters/.
#   daemon/upstream/ may not include daemon/server/.
#   a provider folder under filters/ may not include another provider folder.
#
# Every include that runs against these rules is listed, then the script fails.
cmake_minimum_required(VERSION 3.25)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "pass -DSOURCE_DIR=<repository root>")
endif()

set(layers base config sqlite pricing filters central daemon)
set(allowed_base base)
set(allowed_config base config)
set(allowed_sqlite base config sqlite)
set(allowed_pricing base config sqlite pricing)
set(allowed_filters base config sqlite pricing filters)
set(allowed_central base config sqlite pricing central)
set(allowed_daemon base config sqlite pricing filters central daemon)

set(server_forbidden daemon/proxy daemon/upstream daemon/outbox daemon/shipper daemon/pricing
                     daemon/budget central filters)
set(providers gemini vertex elevenlabs google_tts)

set(violations "")
set(files_checked 0)
foreach(layer IN LISTS layers)
  file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/${layer}/*.h
       ${SOURCE_DIR}/${layer}/*.cpp ${SOURCE_DIR}/${layer}/*.c)
  foreach(source IN LISTS sources)
    math(EXPR files_checked "${files_checked} + 1")
    file(STRINGS ${SOURCE_DIR}/${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*$" "\\1" included "${line}")
      string(REGEX MATCH "^[^/]+" included_layer "${included}")
      if(NOT included_layer IN_LIST layers)
        continue()  # a third-party header or a sibling file, not one of the layers
      endif()
      set(why "")
      if(NOT included_layer IN_LIST allowed_${layer})
        list(JOIN allowed_${layer} ", " may)
        set(why "${layer}/ may include only ${may}")
      elseif(source MATCHES "^daemon/server/")
        foreach(forbidden IN LISTS server_forbidden)
          if(included MATCHES "^${forbidden}/")
            set(why "daemon/server/ (the HTTP server core) may not include ${forbidden}/")
          endif()
        endforeach()
      elseif(source MATCHES "^daemon/upstream/" AND included MATCHES "^daemon/server/")
        set(why "daemon/upstream/ may not include daemon/server/")
      elseif(source MATCHES "^filters/([^/]+)/")
        set(own ${CMAKE_MATCH_1})
        if(own IN_LIST providers AND included MATCHES "^filters/([^/]+)/")
          set(other ${CMAKE_MATCH_1})
          if(other IN_LIST providers AND NOT other STREQUAL own)
            set(why "provider folder filters/${own}/ may not include filters/${other}/")
          endif()
        endif()
      endif()
      if(why)
        string(APPEND violations "  ${source} includes \"${included}\": ${why}\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "Includes against the dependency order (tests/deps/check_includes.cmake):\n"
                      "${violations}")
endif()
message(STATUS "dependency order: ${files_checked} files, no include against the order")
