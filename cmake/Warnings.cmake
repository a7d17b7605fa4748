# Warnings are errors in our code; third-party C (llhttp) is compiled without them.
function(costgate_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wconversion -Wno-sign-conversion -Werror)
  # In a unity build every source is included into the batch's file, so GCC takes a type from
  # a source's anonymous namespace (a coroutine frame's local, a member) for one from a header
  # and warns; with one source per compiler run the warning cannot fire.
  if(COSTGATE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
  endif()
  # Three GCC 12 false positives, fixed in GCC 13: -Wrestrict inside libstdc++'s std::string
  # at -O3 (GCC bug 105329), -Wmismatched-new-delete on coroutine frames whose promise
  # (Asio's awaitable_frame_base) has its own matching operator new and delete (seen with
  # -fsanitize=address), and -Wmaybe-uninitialized on the std::string of a nested aggregate
  # with default member initializers (config::CentralConfig::listen) when a Config is returned
  # by value at -O3.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-mismatched-new-delete
                                             -Wno-maybe-uninitialized)
  endif()
endfunction()
