# workerd config for the hostile-body benchmark's worker (worker.js here) and pkg/; run by
# tests/bench/child-hostile.mjs from the repository root.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8788", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "authentik-invitation-patch", esModule = embed "../../../pkg/worker.js"),
    (name = "index.js", esModule = embed "../../../pkg/index.js"),
    (name = "index_bg.wasm", wasm = embed "../../../pkg/index_bg.wasm"),
  ],
  compatibilityDate = "2024-09-23",
);
