import { METRICS, type MetricName } from "./evaluators.ts";
import { GATE_THRESHOLDS } from "./gate.ts";
import type { Confusion, Histogram, MetricRates } from "./metrics.ts";
import type { CaseRecord, Comparison, EvalReport } from "./report.ts";

/** Self-contained HTML report: inline CSS and hand-drawn SVG, no scripts, nothing fetched. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const LABEL: Record<MetricName, string> = {
  intent: "intent",
  queryType: "queryType",
  window: "window",
  numeric: "numeric truth",
  language: "answer language",
  jargonFree: "jargon-free",
  unsafeHandled: "UNSAFE handled",
  noWrongAnswer: "no wrong answer",
};

/** Confusion matrix as a heat map: rows expected, columns got; the diagonal in green. */
export function heatMapSvg(c: Confusion, title: string): string {
  const used = c.labels.filter((_, i) => c.perLabel[i]!.support > 0 || c.perLabel[i]!.predicted > 0);
  const idx = used.map((l) => c.labels.indexOf(l));
  const cell = 34;
  const left = 130;
  const top = 120;
  const size = used.length * cell;
  const max = Math.max(1, ...c.matrix.flat());
  const parts: string[] = [];
  idx.forEach((ri, r) => {
    parts.push(
      `<text x="${left - 6}" y="${top + r * cell + cell / 2 + 4}" text-anchor="end">${escapeHtml(used[r]!)}</text>`,
    );
    parts.push(
      `<text transform="translate(${left + r * cell + cell / 2 + 4},${top - 6}) rotate(-55)">${escapeHtml(used[r]!)}</text>`,
    );
    idx.forEach((ci, col) => {
      const v = c.matrix[ri]![ci]!;
      const alpha = v === 0 ? 0 : 0.15 + 0.85 * (v / max);
      const color = ri === ci ? `rgba(34,139,34,${alpha})` : `rgba(200,30,30,${alpha})`;
      parts.push(
        `<rect x="${left + col * cell}" y="${top + r * cell}" width="${cell - 2}" height="${cell - 2}" fill="${color}" stroke="#ddd"><title>expected ${escapeHtml(used[r]!)}, got ${escapeHtml(used[col]!)}: ${v}</title></rect>`,
      );
      if (v > 0)
        parts.push(
          `<text x="${left + col * cell + cell / 2 - 1}" y="${top + r * cell + cell / 2 + 4}" text-anchor="middle">${v}</text>`,
        );
    });
  });
  return `<figure><figcaption>${escapeHtml(title)} (rows: expected, columns: got)</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="${left + size + 20}" height="${top + size + 20}" font-size="11" font-family="sans-serif">${parts.join("")}</svg></figure>`;
}

/** Horizontal bars, one group per row label, one bar per series. */
export function barChartSvg(
  title: string,
  rows: readonly { label: string; values: readonly { series: string; value: number }[] }[],
): string {
  const colors = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5"];
  const series = [...new Set(rows.flatMap((r) => r.values.map((v) => v.series)))];
  const bar = 14;
  const groupH = series.length * bar + 10;
  const left = 150;
  const width = 360;
  const parts: string[] = [];
  rows.forEach((row, r) => {
    const y0 = 24 + r * groupH;
    parts.push(
      `<text x="${left - 6}" y="${y0 + groupH / 2}" text-anchor="end">${escapeHtml(row.label)}</text>`,
    );
    row.values.forEach((v) => {
      const s = series.indexOf(v.series);
      const y = y0 + s * bar;
      parts.push(
        `<rect x="${left}" y="${y}" width="${Math.max(1, v.value * width)}" height="${bar - 2}" fill="${colors[s % colors.length]}"><title>${escapeHtml(`${row.label} ${v.series}: ${pct(v.value)}`)}</title></rect>`,
      );
      parts.push(`<text x="${left + v.value * width + 4}" y="${y + bar - 4}">${pct(v.value)}</text>`);
    });
  });
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${left + i * 90}" y="4" width="10" height="10" fill="${colors[i % colors.length]}"/><text x="${left + i * 90 + 14}" y="13">${escapeHtml(s)}</text>`,
    )
    .join("");
  const height = 30 + rows.length * groupH;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 70}" height="${height}" font-size="11" font-family="sans-serif">${legend}${parts.join("")}</svg></figure>`;
}

export function histogramSvg(h: Histogram, title: string): string {
  const barW = 22;
  const height = 140;
  const max = Math.max(1, ...h.counts);
  const parts = h.counts.map((n, i) => {
    const barH = (n / max) * height;
    return `<rect x="${40 + i * barW}" y="${20 + height - barH}" width="${barW - 2}" height="${barH}" fill="#2b6cb0"><title>${i * h.bucketMs}–${(i + 1) * h.bucketMs} ms: ${n}</title></rect>`;
  });
  const ticks = h.counts
    .map((_, i) =>
      i % 4 === 0 ? `<text x="${40 + i * barW}" y="${height + 34}">${i * h.bucketMs}</text>` : "",
    )
    .join("");
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="${60 + h.counts.length * barW}" height="${height + 50}" font-size="11" font-family="sans-serif"><text x="0" y="14">${max}</text>${parts.join("")}${ticks}<text x="${40 + h.counts.length * barW - 20}" y="${height + 48}">ms</text></svg></figure>`;
}

function metricsTable(metrics: MetricRates, comparison: Comparison | null): string {
  const rows = METRICS.map((m) => {
    const r = metrics[m];
    const gateOk = r.rate >= GATE_THRESHOLDS[m];
    const delta = comparison ? comparison.deltas[m] : null;
    const deltaCell =
      delta === null
        ? ""
        : `<td class="${delta < 0 ? "bad" : delta > 0 ? "good" : ""}">${delta >= 0 ? "+" : ""}${(delta * 100).toFixed(1)} pt</td>`;
    return `<tr><td>${LABEL[m]}</td><td>${pct(r.rate)}</td><td>${r.correct}/${r.total}</td><td>${pct(GATE_THRESHOLDS[m])}</td><td class="${gateOk ? "good" : "bad"}">${gateOk ? "ok" : "below"}</td>${deltaCell}</tr>`;
  });
  return `<table><tr><th>metric</th><th>score</th><th>cases</th><th>gate</th><th></th>${comparison ? "<th>vs previous</th>" : ""}</tr>${rows.join("")}</table>`;
}

function perLabelTable(c: Confusion): string {
  const f = (x: number | null) => (x === null ? "–" : pct(x));
  const rows = c.perLabel
    .filter((l) => l.support > 0 || l.predicted > 0)
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.label)}</td><td>${f(l.precision)}</td><td>${f(l.recall)}</td><td>${l.support}</td></tr>`,
    );
  return `<table><tr><th>label</th><th>precision</th><th>recall</th><th>cases</th></tr>${rows.join("")}</table>`;
}

function caseTable(cases: readonly CaseRecord[]): string {
  if (cases.length === 0) return "<p>None.</p>";
  const rows = cases.map((c) => {
    const exp = [c.expected.intent, c.expected.queryType, c.expected.window].filter(Boolean).join(" · ");
    const got = [c.got.intent ?? "(error)", c.got.queryType, c.got.window].filter(Boolean).join(" · ");
    const truth = c.expected.truthKey
      ? `<br><small>truth ${c.expected.truthKey} = ${c.expected.truthValue ?? "none"}</small>`
      : "";
    return `<tr><td>${escapeHtml(c.id)}</td><td>${escapeHtml(c.question)}</td><td>${escapeHtml(exp)}${truth}</td><td>${escapeHtml(got)}</td><td>${escapeHtml(c.failed.join(", "))}</td><td>${escapeHtml(c.error ?? c.answer)}</td></tr>`;
  });
  return `<table class="cases"><tr><th>id</th><th>question</th><th>expected</th><th>got</th><th>failed</th><th>answer</th></tr>${rows.join("")}</table>`;
}

/** Bars of precision and recall for the labels that occur. */
function labelBars(c: Confusion) {
  return c.perLabel
    .filter((l) => l.support > 0 || l.predicted > 0)
    .map((l) => ({
      label: l.label,
      values: [
        { series: "precision", value: l.precision ?? 0 },
        { series: "recall", value: l.recall ?? 0 },
      ],
    }));
}

export function renderHtmlReport(report: EvalReport, comparison: Comparison | null): string {
  const run = report.run;
  const misses = report.results.filter((r) => r.failed.length > 0);
  const intentBars = Object.entries(report.byIntent).map(([label, rates]) => ({
    label,
    values: [
      { series: "intent", value: rates.intent.rate },
      { series: "queryType", value: rates.queryType.rate },
      { series: "window", value: rates.window.rate },
    ],
  }));
  const languageBars = METRICS.map((m) => ({
    label: LABEL[m],
    values: Object.entries(report.byLanguage).map(([lang, rates]) => ({
      series: lang,
      value: rates[m].rate,
    })),
  }));
  const gate = report.gate.length
    ? `<p class="bad">Gate: below threshold on ${report.gate.map((g) => LABEL[g.metric]).join(", ")}.</p>`
    : `<p class="good">Gate: every metric at or above its threshold.</p>`;
  const compare = comparison
    ? `<h2>Compared with the run of ${escapeHtml(comparison.previousStartedAt)}</h2>
<h3>Regressions (${comparison.regressions.length})</h3>${caseTable(comparison.regressions)}
<h3>Fixed since then (${comparison.fixes.length})</h3>${caseTable(comparison.fixes)}`
    : "<p>No previous run of this split and provider to compare with.</p>";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Milhena eval — ${escapeHtml(run.split)} — ${escapeHtml(run.startedAt)}</title>
<style>
body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
.good{color:#276749}.bad{color:#c53030}figure{display:inline-block;margin:8px 24px 8px 0;vertical-align:top}
figcaption{font-weight:bold;margin-bottom:4px}.cases td:nth-child(6){max-width:420px}
</style></head><body>
<h1>Milhena evaluation: ${escapeHtml(run.split)} split</h1>
<p>${report.cases} cases · provider ${escapeHtml(run.provider)} · prompts ${escapeHtml(JSON.stringify(run.promptVersions))} · ${escapeHtml(run.database)} · seed ${run.seed} (${run.executions} executions over ${run.days} days) · now ${escapeHtml(run.now)} ${escapeHtml(run.timeZone)} · started ${escapeHtml(run.startedAt)} · ${(run.durationMs / 1000).toFixed(1)} s</p>
${gate}
${metricsTable(report.metrics, comparison)}
<p>Numeric truth on the cases labelled right (diagnostic): ${pct(report.numericWhenLabelled.rate)} (${report.numericWhenLabelled.correct}/${report.numericWhenLabelled.total})</p>
<p>Latency p50 ${report.latency.p50} ms · p95 ${report.latency.p95} ms · max ${report.latency.max} ms · tokens in ${report.usage.inputTokens}, out ${report.usage.outputTokens} · cost $${report.usage.costUsd.toFixed(4)}</p>
${heatMapSvg(report.intentConfusion, "Intent confusion")}
${heatMapSvg(report.queryTypeConfusion, "queryType confusion (data questions)")}
<h2>Per label</h2>
<div style="display:flex;gap:32px"><div><h3>intent</h3>${perLabelTable(report.intentConfusion)}</div><div><h3>queryType</h3>${perLabelTable(report.queryTypeConfusion)}</div></div>
${barChartSvg("Accuracy by expected intent", intentBars)}
${barChartSvg("Precision and recall by intent", labelBars(report.intentConfusion))}
${barChartSvg("Precision and recall by queryType", labelBars(report.queryTypeConfusion))}
${barChartSvg("Scores by language", languageBars)}
${histogramSvg(report.latency.histogram, "Latency histogram (ms)")}
${compare}
<h2>Every miss (${misses.length})</h2>
${caseTable(misses)}
</body></html>
`;
}
