// The costgate command line: subcommand dispatch, help and version.
#pragma once

namespace costgate::daemon::cli {

// Runs the command named by argv and returns the process exit code.
int Main(int argc, char** argv);

}  // namespace costgate::daemon::cli
