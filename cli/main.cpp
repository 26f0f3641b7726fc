#include "cli/cli_main.hpp"

int main(int argc, char** argv) {
  return drempel::cli_main(argc, argv);
}
