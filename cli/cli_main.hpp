#pragma once
// The `drempel` command as a function, so tests can call it in-process too.
namespace drempel {

/// Runs the command line; returns the exit status (0 done, 2 bad input or usage, 1 failure).
int cli_main(int argc, const char* const* argv);

}  // namespace drempel
