// The admin form (www/) in real headless Chromium: Debian's `chromium`, driven by playwright-core,
// against the page as www/serve.mjs serves it on 127.0.0.1. Any console error, page error, failed
// request or request off 127.0.0.1 fails the test. Leaves a screenshot in tests/artifacts/.
//
// Chromium comes from scripts/setup (`apt-get install chromium`). Without it the test skips with a
// message, except under CI (CI set), where it fails: there it must run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../../www/serve.mjs";
import { flows, invitation } from "../../www/sample.js";
import * as pkg from "../../pkg/node.js";

const { validatePatch } = pkg;
const noPut = typeof pkg.applyPut === "function" ? false : "pkg/ has no validatePut/applyPut yet (the core adds them)";

const root = fileURLToPath(new URL("../..", import.meta.url));
const artifacts = join(root, "tests", "artifacts");

// TOOLCHAIN.md: these flags, a fresh profile, and no download of playwright's own browsers.
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  try {
    candidates.push(execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim());
  } catch {}
  return candidates.find((p) => p && existsSync(p));
}

const chromiumPath = findChromium();
const missing = chromiumPath ? null : "Chromium is not installed (scripts/setup installs Debian's `chromium`; or set CHROMIUM_PATH)";
if (missing && process.env.CI) throw new Error(`${missing}: under CI the form test must run`);

const MSG = {
  tooLong: "Ensure this field has no more than 50 characters.",
  slug: 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.',
  format: "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
  range: "Datetime value out of range.",
};

test("admin form in headless Chromium", { skip: missing ?? false, timeout: 90_000 }, async (t) => {
  const { chromium } = await import("playwright-core");
  const server = await serve(0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), "form-test-chromium-"));
  const problems = [];
  let context;
  t.after(async () => {
    await context?.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true });
  });

  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: FLAGS,
    locale: "en-US",
    timezoneId: "Europe/Berlin",
    viewport: { width: 1320, height: 900 },
    timeout: 30_000,
  });
  context.setDefaultTimeout(10_000);
  // Nothing may leave 127.0.0.1: abort and record anything else.
  await context.route(
    (url) => url.origin !== origin && url.protocol !== "data:",
    (route) => {
      problems.push(`request off 127.0.0.1: ${route.request().url()}`);
      return route.abort();
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));

  const name = page.getByLabel("Name", { exact: true });
  const expires = page.getByLabel("Date and time");
  const zone = page.getByLabel("Time zone");
  const flow = page.getByLabel("Enrollment flow");
  const fixed = page.getByLabel("Fixed data (JSON)");
  const errorsOf = (field) => page.locator(`#${field}-errors li`).allTextContents();
  const summary = () => page.locator("#summary-list li").allTextContents();
  const body = async () => JSON.parse(await page.locator("#body").textContent());
  const result = async () => JSON.parse(await page.locator("#result").textContent());
  const status = () => page.locator("#status").textContent();

  // The steps share one page: after a failure, the later ones would only time out.
  let failed = false;
  const step = (title, fn) =>
    t.test(title, { skip: failed && "an earlier step failed" }, async () => {
      try {
        await fn();
      } catch (e) {
        failed = true;
        if (problems.length) e.message += `\nmeanwhile in the page:\n  ${problems.join("\n  ")}`;
        throw e;
      }
    });

  await step("loads the module and shows the stored invitation", async () => {
    await page.goto(`${origin}/`);
    assert.equal(page.url(), `${origin}/www/`);
    await page.locator("#layout").waitFor({ state: "visible" });
    assert.equal(await name.inputValue(), invitation.name);
    assert.equal(await expires.inputValue(), "2025-01-01T00:00"); // 23:00Z in Berlin
    assert.equal(await zone.inputValue(), "Europe/Berlin");
    assert.match(await page.locator("#expires-zone-note").textContent(), /Europe\/Berlin: UTC\+01:00/);
    assert.equal(await flow.inputValue(), invitation.flow);
    assert.deepEqual(await body(), {});
    assert.equal(await status(), "200 OK");
    assert.deepEqual(await result(), invitation);
    assert.equal(await page.locator("#changes").textContent(), "No field would change.");
  });

  await step("the language picker: messages in the chosen locale, as the server answers them", async () => {
    // The reference's German for a name of 51 characters (tests/cases/locales/requests.json:
    // authentik's middlewares on real Django + DRF).
    const cases = JSON.parse(readFileSync(new URL("../cases/locales/requests.json", import.meta.url), "utf8"));
    const german = cases
      .filter((c) => c.locale === "de" && c.expect.status === 400)
      .flatMap((c) => JSON.parse(c.expect.body).name ?? [])
      .find((m) => m.includes("50"));
    assert.ok(german, "a German max_length message among the reference's answers");
    await page.selectOption("#locale", "de");
    await name.fill("a".repeat(51));
    assert.deepEqual(await errorsOf("name"), [german]);
    assert.deepEqual(await result(), { name: [german] });
    await page.selectOption("#locale", "");
    assert.deepEqual(await errorsOf("name"), [MSG.tooLong]);
    await page.getByRole("button", { name: "Reset" }).click();
  });

  await step("name: too long, fixed, then not a slug", async () => {
    await name.fill("a".repeat(51));
    assert.deepEqual(await errorsOf("name"), [MSG.tooLong]);
    assert.equal(await name.getAttribute("aria-invalid"), "");
    assert.equal(await status(), "400 Bad Request");
    assert.deepEqual(await result(), { name: [MSG.tooLong] });
    assert.deepEqual(await summary(), ["See the message at Name."]);

    await name.press("Backspace");
    assert.deepEqual(await errorsOf("name"), []);
    assert.equal(await name.getAttribute("aria-invalid"), null);
    assert.equal(await status(), "200 OK");
    assert.equal((await result()).name, "a".repeat(50));

    await name.fill("");
    await name.pressSequentially("partner jordan", { delay: 5 });
    assert.deepEqual(await errorsOf("name"), [MSG.slug]);
    assert.deepEqual(await body(), { name: "partner jordan" });

    await name.fill("partner-jordan-lee-2025");
    assert.deepEqual(await errorsOf("name"), []);
    assert.deepEqual(await body(), { name: "partner-jordan-lee-2025" });
    assert.ok(await page.locator('[data-changed="name"]').isVisible());
  });

  await step("expires: year 0 typed by hand, then out of range in a zone east of UTC", async () => {
    // Type into the date's segments as a person does (en-US: month, day, year).
    await expires.click({ position: { x: 16, y: 12 } });
    await page.keyboard.type("0101");
    await page.keyboard.type("0000");
    assert.equal(await expires.inputValue(), ""); // the browser holds no value for year 0
    assert.equal((await body()).expires, "");
    assert.deepEqual(await errorsOf("expires"), [MSG.format]);
    assert.match(await page.locator("#expires-hint").textContent(), /incomplete/);

    // Year 1 at midnight in Tokyo (local mean time then, +09:18:59) is before 0001-01-01 UTC.
    await zone.selectOption("Asia/Tokyo");
    await expires.fill("0001-01-01T00:00");
    assert.equal((await body()).expires, "0001-01-01T00:00:00+09:18:59");
    assert.deepEqual(await errorsOf("expires"), [MSG.range]);

    await expires.fill("2025-03-31T18:00");
    assert.deepEqual(await errorsOf("expires"), []);
    assert.equal((await body()).expires, "2025-03-31T18:00:00+09:00");
    assert.equal((await result()).expires, "2025-03-31T09:00:00Z");
    assert.match(await page.locator("#expires-hint").textContent(), /server would store 2025-03-31T09:00:00Z/);

    // Another zone shows the same instant: the body does not change.
    await zone.selectOption("UTC");
    assert.equal(await expires.inputValue(), "2025-03-31T09:00");
    assert.equal((await body()).expires, "2025-03-31T09:00:00+00:00");
    assert.equal((await result()).expires, "2025-03-31T09:00:00Z");
  });

  await step("flow: the body and the resulting flow/flow_obj", async () => {
    const contractor = flows[2];
    await flow.selectOption(contractor.pk);
    assert.deepEqual(await body(), {
      name: "partner-jordan-lee-2025",
      expires: "2025-03-31T09:00:00+00:00",
      flow: contractor.pk,
    });
    const r = await result();
    assert.equal(r.flow, contractor.pk);
    assert.deepEqual(r.flow_obj, contractor);
    assert.equal(await page.locator("#changes").getAttribute("data-fields"), "name expires flow");

    await flow.selectOption({ label: "No flow" });
    assert.equal((await body()).flow, null);
    assert.deepEqual([(await result()).flow, (await result()).flow_obj], [null, null]);

    await flow.selectOption(contractor.pk);
  });

  await step("fixed data: invalid JSON gets the server's parse error; BigInts print exactly", async () => {
    await fixed.fill('{\n  "email": "jordan.lee@example.com",\n}');
    const [detail] = await summary();
    assert.match(detail, /^JSON parse error - Expecting property name enclosed in double quotes: line \d+ column \d+ \(char \d+\)$/);
    assert.equal(await status(), "400 Bad Request");
    assert.deepEqual(await result(), { detail });
    // Verbatim: the message the module gives for the body the page shows.
    const shown = await page.locator("#body").textContent();
    assert.deepEqual(validatePatch(shown, { flows }), { ok: false, status: 400, errors: { detail }, codes: { detail: "parse_error" } });
    assert.equal(await page.locator("#summary-note").isVisible(), true);
    assert.equal(
      await page.locator("#fixed_data-where").textContent(),
      "The server's parse error points here, in this text: line 3, column 1. Show me",
    );

    await fixed.fill('{\n  "email": "jordan.lee@example.com",\n  "employee_id": 123456789012345678901234567890\n}');
    assert.equal(await status(), "200 OK");
    assert.match(await page.locator("#result").textContent(), /"employee_id": 123456789012345678901234567890\n/);
    assert.match(await page.locator("#body").textContent(), /"employee_id": 123456789012345678901234567890\n/);
  });

  await step("single use: the switch", async () => {
    await page.getByRole("switch", { name: "Single use" }).uncheck();
    assert.equal((await body()).single_use, false);
    assert.equal((await result()).single_use, false);
    assert.equal(await page.locator("#changes").getAttribute("data-fields"), "name expires fixed_data single_use flow");
  });

  await step("screenshots", async () => {
    mkdirSync(artifacts, { recursive: true });
    const shoot = async (file) => {
      await page.evaluate(() => {
        document.activeElement?.blur();
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: join(artifacts, file), fullPage: true });
    };
    await shoot("form.png");
    await name.fill("partner jordan lee");
    await fixed.fill('{"email": "jordan.lee@example.com" "name": "Jordan Lee"}');
    await shoot("form-errors.png");
  });

  await step("reset, then never expires", async () => {
    await page.getByRole("button", { name: "Reset" }).click();
    assert.deepEqual(await body(), {});
    assert.deepEqual(await result(), invitation);
    assert.equal(await page.locator("#summary").isVisible(), false);

    await page.getByLabel("Never expires").check();
    assert.equal(await expires.isDisabled(), true);
    assert.deepEqual(await body(), { expires: null });
    assert.equal((await result()).expires, null);
    await page.getByLabel("Never expires").uncheck();
    assert.deepEqual(await body(), {}); // back to the stored date
  });

  await step("each field keeps its own messages while fixed data does not parse", async () => {
    await page.getByRole("button", { name: "Reset" }).click();
    await name.fill("partner jordan");
    await fixed.fill('{"email": "a@example.com",}');
    // The server answers only the parse error; the page still shows the name's own message.
    const [detail] = await summary();
    assert.match(detail, /^JSON parse error - /);
    assert.deepEqual(await errorsOf("name"), [MSG.slug]);
    assert.deepEqual(await errorsOf("fixed_data"), [
      "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 27 (char 26)",
    ]);
    await fixed.fill('{"email": "a@example.com"}');
    assert.deepEqual(await errorsOf("fixed_data"), []);
    assert.deepEqual(await errorsOf("name"), [MSG.slug]);
    await name.fill("partner-jordan");
    assert.deepEqual(await errorsOf("name"), []);
    assert.equal(await status(), "200 OK");
  });

  if (noPut) {
    await step("save as PUT is offered only with validatePut/applyPut", async () => {
      assert.equal(await page.getByLabel(/Save as PUT/).isDisabled(), true);
    });
  } else {
    await step("save as PUT: every field, as authentik's admin form sends it", async () => {
      await page.getByRole("button", { name: "Reset" }).click();
      await page.getByLabel(/Save as PUT/).check();
      assert.equal(await page.locator("#method").textContent(), "PUT");
      assert.deepEqual(Object.keys(await body()), ["name", "expires", "fixed_data", "single_use", "flow"]);
      assert.equal(await status(), "200 OK");
      assert.deepEqual(await result(), invitation);
      await name.fill("");
      assert.deepEqual(await errorsOf("name"), ["This field may not be blank."]);
      assert.equal(await status(), "400 Bad Request");
      await name.fill("renamed");
      assert.equal((await result()).name, "renamed");
      await page.getByLabel(/Save as PUT/).uncheck();
      assert.equal(await page.locator("#method").textContent(), "PATCH");
      assert.deepEqual(await body(), { name: "renamed" });
    });
  }
  await step("layout: no sideways scroll at any width, with the long messages showing", async () => {
    const measure = async (what) => {
      for (const width of [320, 375, 600, 768, 960, 961, 1024, 1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
          const root = document.documentElement;
          const wide = [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
            .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}.${e.className}`);
          return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 5) };
        });
        assert.ok(
          scrollWidth <= clientWidth,
          `${what}, ${width} px: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}, widened by ${wide.join(", ")}`,
        );
      }
    };
    try {
      // expires' format message, in the field, the summary and the 400 body (a <pre>, never wrapped).
      await expires.click({ position: { x: 16, y: 12 } });
      await page.keyboard.type("0101");
      await page.keyboard.type("0000");
      assert.deepEqual(await errorsOf("expires"), [MSG.format]);
      await measure("expires' message");
      // A parse error with its position, and a long line of fixed data in the request body.
      await fixed.fill('{"email": "jordan.lee@example.com" "name": "Jordan Lee", "department": "partner-relations"}');
      assert.equal(await status(), "400 Bad Request");
      await measure("a parse error");
    } finally {
      await page.setViewportSize({ width: 1320, height: 900 });
    }
  });

  await step("dark mode follows the system's color scheme", async () => {
    const colors = () =>
      page.evaluate(() => {
        const of = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
        return {
          page: of("body", "backgroundColor"),
          text: of("body", "color"),
          card: of(".card", "backgroundColor"),
          input: of("#name", "backgroundColor"),
          code: of("#body", "backgroundColor"),
          scheme: of(":root", "colorScheme"),
        };
      });
    const luminance = (rgb) => {
      const [r, g, b] = rgb.match(/\d+/g).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    try {
      await page.emulateMedia({ colorScheme: "light" });
      const light = await colors();
      await page.emulateMedia({ colorScheme: "dark" });
      const dark = await colors();
      assert.equal(light.scheme, "light");
      assert.equal(dark.scheme, "dark");
      for (const k of ["page", "card", "input", "code"]) {
        assert.ok(luminance(light[k]) > 200 && luminance(dark[k]) < 60, `${k}: ${light[k]} in light, ${dark[k]} in dark`);
      }
      assert.ok(luminance(light.text) < 80 && luminance(dark.text) > 180, `text: ${light.text} in light, ${dark.text} in dark`);
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, "form-dark.png"), fullPage: true });
    } finally {
      await page.emulateMedia({ colorScheme: null });
    }
  });

  await step("no console errors, failed requests or requests off 127.0.0.1", () => {
    assert.deepEqual(problems, []);
  });
});
