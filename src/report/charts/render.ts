/**
 * Vega-Lite specification -> SVG text, in Node: compiled with vega-lite, run by vega's headless
 * View (no renderer, no canvas; text widths are estimated, so labels are given room).
 * vega and vega-lite are loaded on the first chart only: a run whose report has no chart (a
 * cohort-only run, say) and the processes that import the pipeline never load them.
 */
import type { TopLevelSpec } from 'vega-lite';

/**
 * Start loading vega and vega-lite without waiting for them: `run` calls this as its stages
 * start, so that the modules load while the main thread waits on other threads, not after the
 * last stage. A failure to load is thrown by the first chart, as without this.
 */
export function preloadChartRenderer(): void {
  Promise.all([import('vega'), import('vega-lite')]).catch(() => {});
}

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
