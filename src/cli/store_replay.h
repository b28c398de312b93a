// `kefu replay --store DB`: the replay journaled in a store, resumable.
#ifndef KEFU_SRC_CLI_STORE_REPLAY_H_
#define KEFU_SRC_CLI_STORE_REPLAY_H_

#include "cli/command.h"

namespace kefu::cli {

// Runs `replay` with its flags, --store among them (replay_command.cc
// hands over when --store is given).
int replay_with_store(const Flags& flags, Io& io);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_STORE_REPLAY_H_
