// @ts-check
/** A small inline SVG chart of a daily series: a line, and for forecasts the likely range as a band. */

const SVG = "http://www.w3.org/2000/svg";
const W = 520;
const H = 170;
const PAD = { left: 40, right: 12, top: 14, bottom: 26 };

/**
 * @param {string} name
 * @param {Record<string, string | number>} attrs
 */
function el(name, attrs) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * @param {string} day "YYYY-MM-DD"
 * @param {string} lang
 */
function shortDay(day, lang) {
  const date = new Date(`${day}T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === "it" ? "it-IT" : "en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(date);
}

/**
 * @param {{ kind: "trend" | "forecast", subject: string, points: { day: string, value: number, low?: number, high?: number }[] }} series
 * @param {string} lang
 * @param {string} label accessible description
 * @returns {SVGSVGElement | null}
 */
export function renderChart(series, lang, label) {
  const points = series.points;
  if (!points || points.length < 2) return null;
  const highs = points.map((p) => Math.max(p.value, p.high ?? p.value));
  const max = Math.max(1, ...highs);
  const x = (/** @type {number} */ i) => PAD.left + (i * (W - PAD.left - PAD.right)) / (points.length - 1);
  const y = (/** @type {number} */ v) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const svg = /** @type {SVGSVGElement} */ (
    el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart", "aria-label": label })
  );
  const title = el("title", {});
  title.textContent = label;
  svg.append(title);
  svg.append(el("line", { class: "axis", x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0) }));
  svg.append(el("line", { class: "axis", x1: PAD.left, y1: y(max), x2: W - PAD.right, y2: y(max) }));
  const fmt = new Intl.NumberFormat(lang === "it" ? "it-IT" : "en-GB");
  for (const v of [0, max]) {
    const t = el("text", { x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end" });
    t.textContent = fmt.format(Math.round(v));
    svg.append(t);
  }
  if (series.kind === "forecast") {
    const upper = points.map((p, i) => `${x(i)},${y(p.high ?? p.value)}`);
    const lower = points.map((p, i) => `${x(i)},${y(p.low ?? p.value)}`).reverse();
    svg.append(el("polygon", { class: "band", points: [...upper, ...lower].join(" ") }));
  }
  svg.append(
    el("polyline", { class: "line", points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ") }),
  );
  points.forEach((p, i) =>
    svg.append(el("circle", { class: "point", cx: x(i), cy: y(p.value), r: points.length > 20 ? 2 : 3 })),
  );
  const ticks = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])];
  for (const i of ticks) {
    const anchor = i === 0 ? "start" : i === points.length - 1 ? "end" : "middle";
    const t = el("text", { x: x(i), y: H - 6, "text-anchor": anchor });
    t.textContent = shortDay(points[i].day, lang);
    svg.append(t);
  }
  return svg;
}
