// The lag chart's geometry, as pure functions (tested by lag.test.js); operations.js draws it as SVG.

/**
 * SVG path data for each group's lag over time. Samples are {at: ISO time, lag: {group: records or null}}, oldest
 * first; null means the group did not answer (stopped), which breaks its line instead of drawing a false zero.
 */
export function lagPaths(samples, groups, width, height) {
  const max = Math.max(1, ...samples.flatMap((s) => groups.map((g) => s.lag[g] ?? 0)));
  const step = samples.length > 1 ? width / (samples.length - 1) : 0;
  const y = (value) => round(height - (value / max) * height);
  const paths = groups.map((group) => {
    let d = '';
    let drawing = false;
    samples.forEach((sample, i) => {
      const value = sample.lag[group];
      if (value === null || value === undefined) {
        drawing = false;
        return;
      }
      d += `${drawing ? 'L' : 'M'}${round(i * step)},${y(value)} `;
      drawing = true;
    });
    return { group, d: d.trim() };
  });
  return { max, paths };
}

/** The latest known lag of each group, for the table beside the chart (and screen readers). */
export function latestLag(samples, groups) {
  const latest = samples.at(-1);
  return groups.map((group) => ({ group, lag: latest ? latest.lag[group] ?? null : null }));
}

/** "3 min" of history at 5 s per sample, for the chart's caption. */
export function spanOf(samples) {
  if (samples.length < 2) return 'just started';
  const seconds = (Date.parse(samples.at(-1).at) - Date.parse(samples[0].at)) / 1000;
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

/** Seconds as a person reads an age: "0 s", "42 s", "3 min 5 s". */
export function formatAge(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function round(value) {
  return Math.round(value * 10) / 10;
}
