// pkg/ as a user gets it: `npm pack`ed, and the tarball `npm install`ed into a fresh project in a
// temp dir (offline: the package has no dependencies).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const NAME = "authentik-invitation-patch";

const npm = (args, cwd) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "pipe"] });

/**
 * Packs pkg/ and installs it into a new project. Returns { dir, pkgDir, files, remove }: `files`
 * are the tarball's paths, `pkgDir` the installed package. `parent` is where the project goes (the
 * host tests put it under tests/hosts/, so that it finds the tools of tests/hosts/node_modules).
 */
export function packedProject(prefix = "aip-pkg-", parent = tmpdir()) {
  const dir = mkdtempSync(join(parent, prefix));
  try {
    // scripts/build-pkg swaps pkg/ under an exclusive lock: pack under a shared one, so the
    // tarball never mixes two builds.
    mkdirSync(`${root}target`, { recursive: true });
    const out = execFileSync(
      "flock",
      ["-s", "-w", "300", `${root}target/.build-pkg.lock`, "npm", "pack", `${root}pkg`, "--pack-destination", dir, "--json", "--silent"],
      { encoding: "utf8", timeout: 320_000, stdio: ["ignore", "pipe", "pipe"] },
    );
    const [info] = JSON.parse(out);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, version: "0.0.0" }));
    npm(["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", `./${info.filename}`], dir);
    return {
      dir,
      pkgDir: join(dir, "node_modules", NAME),
      files: info.files.map((f) => f.path).sort(),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
