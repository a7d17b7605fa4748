# Warnings are errors in our code; third-party C (llhttp) is compiled without them.
function(costgate_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wconversion -Wno-sign-conversion -Werror)
endfunction()
