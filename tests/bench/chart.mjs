// chart.svg: each peer's main figures as ratios to ajv standalone, drawn from results.json with no
// tool but string templates. A log scale centred on 1×; a bar to the right is better than ajv
// standalone (faster, or fewer bytes), to the left worse.

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function words(better, x, [good, bad]) {
  if (!Number.isFinite(x)) return "built in";
  const v = better ? x : 1 / x;
  const f = v >= 10 ? v.toFixed(0) : v.toFixed(1);
  if (f === "1.0") return "about the same";
  return `${f}× ${better ? good : bad}`;
}

export function chart(r) {
  const base = "ajv-standalone";
  const peers = r.peers;
  // Each panel: a value per peer where > 1 means better than ajv standalone.
  const panels = [
    { title: "Typical body, ops/s (CPU time)", words: ["faster", "slower"], v: (p) => r.speed[p].typical.median / r.speed[base].typical.median },
    { title: "Corpus of 10,000 bodies, time", words: ["faster", "slower"], v: (p) => r.speed[base].corpus.median / r.speed[p].corpus.median },
    { title: "Cold start, import → first verdict", words: ["faster", "slower"], v: (p) => r.cold[base].importToVerdict / r.cold[p].importToVerdict },
    { title: "Download, brotli bytes (JS + .wasm)", words: ["smaller", "larger"], v: (p) => (p === "json-parse" ? NaN : r.size[base].brotli / r.size[p].brotli) },
  ];
  const all = panels.flatMap((pn) => peers.map((p) => Math.abs(Math.log2(pn.v(p))))).filter(Number.isFinite);
  const span = Math.max(2, Math.ceil(Math.max(...all)));

  const W = 880;
  const labelW = 250;
  const textW = 130;
  const plotW = W - labelW - textW - 20;
  const rowH = 20;
  const x0 = labelW + plotW / 2;
  const scale = plotW / 2 / span;
  const X = (v) => x0 + Math.log2(v) * scale;
  const panelH = 34 + peers.length * rowH + 8;
  const top = 56;
  const H = top + panels.length * panelH + 30;

  const g = [];
  g.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="600">Compared with ajv 8 standalone (log scale; right is better)</text>`,
    `<text x="16" y="42" fill="#555">${esc(`${r.machine.date.slice(0, 10)} · ${r.machine.nproc} × ${r.machine.cpu} · Node ${r.machine.node} · make bench`)}</text>`,
  );
  panels.forEach((pn, i) => {
    const y = top + i * panelH;
    g.push(`<text x="16" y="${y + 18}" font-weight="600">${esc(pn.title)}</text>`);
    // Grid: powers of two.
    for (let k = -span; k <= span; k++) {
      const gx = x0 + k * scale;
      g.push(`<line x1="${gx}" y1="${y + 26}" x2="${gx}" y2="${y + 30 + peers.length * rowH}" stroke="${k === 0 ? "#333" : "#e4e4e4"}" stroke-width="${k === 0 ? 1.2 : 1}"/>`);
      if (i === panels.length - 1 || i === 0) {
        const ty = i === 0 ? y + 22 : y + 44 + peers.length * rowH;
        if (i === panels.length - 1 || k === 0) g.push(`<text x="${gx}" y="${ty}" text-anchor="middle" fill="#777" font-size="10">${k >= 0 ? 2 ** k : `1/${2 ** -k}`}×</text>`);
      }
    }
    peers.forEach((p, j) => {
      const ry = y + 30 + j * rowH;
      const v = pn.v(p);
      const bold = p === "module" ? ` font-weight="600"` : "";
      g.push(`<text x="${labelW - 8}" y="${ry + 14}" text-anchor="end"${bold}>${esc(r.labels[p])}</text>`);
      if (!Number.isFinite(v)) {
        g.push(`<text x="${x0 + 6}" y="${ry + 14}" fill="#777">built in</text>`, `<text x="${labelW + plotW + 12}" y="${ry + 14}" fill="#777">nothing to download</text>`);
        return;
      }
      const xv = X(v);
      const better = v >= 1;
      const colour = p === "module" ? (better ? "#1565c0" : "#6a1b9a") : better ? "#66bb6a" : "#ef5350";
      const [bx, bw] = better ? [x0, xv - x0] : [xv, x0 - xv];
      g.push(`<rect x="${bx.toFixed(1)}" y="${ry + 3}" width="${Math.max(1, bw).toFixed(1)}" height="${rowH - 6}" fill="${colour}" rx="2"/>`);
      // The words sit in a column of their own, right of the plot, so no bar runs over them.
      const said = words(better, v, pn.words);
      const ink = said === "about the same" ? "#555" : better ? "#1b5e20" : "#b71c1c";
      g.push(`<text x="${labelW + plotW + 12}" y="${ry + 14}" fill="${ink}"${bold}>${esc(said)}</text>`);
    });
  });
  g.push(`</svg>`);
  return g.join("\n") + "\n";
}
