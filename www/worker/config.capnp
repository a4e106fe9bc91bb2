# workerd config for the edge worker (www/worker/worker.js) and the package it imports (pkg/, built
# by `make pkg`). Run from the repository root (see README.md):
#   UPSTREAM=http://127.0.0.1:9000 node_modules/.bin/workerd serve www/worker/config.capnp \
#     --socket-addr http=127.0.0.1:8787
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # The worker reaches the upstream with the global fetch(). workerd's default network allows
    # public addresses only; an authentik server is usually on a private or local one.
    (name = "network", network = (allow = ["public", "private"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    # The package's entries under the names the worker imports: the main one as a worker gets it
    # (the "workerd" export condition: pkg/worker.js, which imports "./index.js" and
    # "./index_bg.wasm", resolved relative to its name, so at the top here), and the gate. The .wasm
    # is a `wasm` module: it arrives compiled, as workers require.
    (name = "authentik-invitation-patch", esModule = embed "../../pkg/worker.js"),
    (name = "authentik-invitation-patch/gate", esModule = embed "../../pkg/gate.js"),
    (name = "index.js", esModule = embed "../../pkg/index.js"),
    (name = "index_bg.wasm", wasm = embed "../../pkg/index_bg.wasm"),
  ],
  bindings = [
    # The authentik server's origin, e.g. http://127.0.0.1:9000, from the environment.
    (name = "UPSTREAM", fromEnvironment = "UPSTREAM"),
  ],
  globalOutbound = "network",
  compatibilityDate = "2024-09-23",
);
