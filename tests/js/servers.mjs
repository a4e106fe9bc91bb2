// Real servers for the tests, on 127.0.0.1 only: workerd (npm `workerd`) and the Django reference
// harness over HTTP (tests/reference/serve.py). Each start is bounded in time, and `stop()` ends the
// process it started (and waits for it).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function track(child, name) {
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
  };
  return { child, exited, stop, output: () => output, name };
}

async function waitFor(proc, ready, ms) {
  const deadline = Date.now() + ms;
  let gone = false;
  proc.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${proc.name} exited before it was ready:\n${proc.output().slice(-3000)}`);
    const value = await ready();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  await proc.stop();
  throw new Error(`${proc.name} not ready after ${ms} ms:\n${proc.output().slice(-3000)}`);
}

async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** The workerd binary of the npm package (its `bin/workerd` may be a launcher). */
export async function workerdBinary() {
  // CommonJS with an `exports.default`: Node's import gives module.exports as `default`.
  const m = await import("workerd");
  return typeof m.default === "string" ? m.default : m.default.default;
}

/**
 * Starts `workerd serve <config>` with its socket named "http" on a free 127.0.0.1 port.
 * Returns { url, port, stop, output }.
 */
export async function startWorkerd(config, { env = {}, cwd = root } = {}) {
  const bin = await workerdBinary();
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const proc = track(
      spawn(bin, ["serve", config, "--socket-addr", `http=127.0.0.1:${port}`], {
        cwd,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      }),
      "workerd",
    );
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(proc, () => answers(url), 15000);
      return { url, port, stop: proc.stop, output: proc.output };
    } catch (e) {
      await proc.stop();
      // Another process may have taken the port between freePort() and the bind: try another.
      if (attempt < 3 && /address already in use|EADDRINUSE/i.test(proc.output())) continue;
      throw e;
    }
  }
}

/** Starts the reference harness's HTTP server (real Django + DRF). Returns { url, stop, output }. */
export async function startReference() {
  const proc = track(
    spawn(`${root}tests/reference/.venv/bin/python`, [`${root}tests/reference/serve.py`, "--port", "0"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    }),
    "reference server",
  );
  const url = await waitFor(proc, () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(proc.output())?.[1], 30000);
  return { url, stop: proc.stop, output: proc.output };
}
