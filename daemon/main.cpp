#include "daemon/cli/cli.h"

int main(int argc, char** argv) { return costgate::daemon::cli::Main(argc, argv); }
