import { formatNumber } from "../ingest/numbers.js";
import type { DurationFact, FigureFact } from "../store.js";

/** Arithmetic over figures of the same kind, with the working written out. */
export interface Computation {
  value: number;
  text: string;
  label: string;
  shown: string;
}

/** "£" for a money figure written with a pound sign, so worked-out money reads as money. */
function currencyOf(f: FigureFact): string {
  return f.unit === "money" ? (f.raw.match(/^[£$€]/)?.[0] ?? "") : "";
}

const unitSuffix = (f: FigureFact) => (f.unit === "percent" ? "%" : f.unit === "count" ? "" : ` ${f.unit}`);

export function difference(a: FigureFact, b: FigureFact): Computation {
  const value = a.value - b.value;
  const word = value >= 0 ? "more" : "fewer";
  const shown = `${formatNumber(Math.abs(value))}${unitSuffix(a)}`;
  return {
    value,
    shown,
    label: `Difference (${a.counts} − ${b.counts})`,
    text: `${shown} ${word} ${a.counts} than ${b.counts}: ${a.raw} − ${b.raw} = ${formatNumber(value)}.`,
  };
}

export function share(part: FigureFact, whole: FigureFact): Computation {
  const value = (part.value / whole.value) * 100;
  const shown = `${formatNumber(value)}%`;
  return {
    value,
    shown,
    label: `Share of ${whole.counts} that were ${part.counts}`,
    text: `${shown} of the ${whole.raw} ${whole.counts} were ${part.counts}: ${part.raw} ÷ ${whole.raw} × 100 = ${shown}.`,
  };
}

export function sum(figures: FigureFact[], whole?: FigureFact): Computation {
  const value = figures.reduce((n, f) => n + f.value, 0);
  const shown = formatNumber(value);
  const head = whole?.counts ?? figures.map((f) => f.counts).join(" and ");
  return {
    value,
    shown,
    label: `Total ${head}`,
    text: `${shown} ${head} in all: ${figures.map((f) => f.raw).join(" + ")} = ${shown}.`,
  };
}

export function mean(figures: FigureFact[]): Computation {
  const total = figures.reduce((n, f) => n + f.value, 0);
  const value = total / figures.length;
  const shown = formatNumber(value);
  const head = figures[0]?.counts ?? "";
  return {
    value,
    shown,
    label: `${head} per day`,
    text: `${shown} ${head} a day on average over the ${figures.length} days given: (${figures.map((f) => f.raw).join(" + ")}) ÷ ${figures.length} = ${shown}.`,
  };
}

export function perDay(figure: FigureFact, duration: DurationFact): Computation {
  const value = figure.value / duration.days;
  const shown = `${currencyOf(figure)}${formatNumber(value)}`;
  const rounded = Math.round(value);
  const about = rounded !== value ? ` (about ${formatNumber(rounded)} a day)` : "";
  return {
    value,
    shown,
    label: `${figure.counts} per day`,
    text: `${shown} ${figure.counts} per day on average${about}: ${figure.raw} over the ${duration.text.replace(/-/g, " ")} (${duration.days} days) = ${figure.raw} ÷ ${duration.days} = ${shown}.`,
  };
}

export function ratio(a: FigureFact, b: FigureFact): Computation {
  const value = a.value / b.value;
  const shown = `${formatNumber(value)} to 1`;
  return {
    value,
    shown,
    label: `Ratio (${a.counts} to ${b.counts})`,
    text: `About ${formatNumber(value)} ${a.counts} for every one of the ${b.counts}: ${a.raw} ÷ ${b.raw} = ${formatNumber(value)}.`,
  };
}
