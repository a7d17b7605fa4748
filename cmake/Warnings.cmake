# Warnings are errors in our code; third-party C (llhttp) is compiled without them.
function(costgate_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wconversion -Wno-sign-conversion -Werror)
  # Two GCC 12 false positives, both fixed in GCC 13: -Wrestrict inside libstdc++'s std::string
  # at -O3 (GCC bug 105329), and -Wmismatched-new-delete on coroutine frames whose promise
  # (Asio's awaitable_frame_base) has its own matching operator new and delete (seen with
  # -fsanitize=address).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-mismatched-new-delete)
  endif()
endfunction()
