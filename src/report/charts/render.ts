/**
 * Vega-Lite specification -> SVG text, in Node: compiled with vega-lite, run by vega's headless
 * View (no renderer, no canvas; text widths are estimated, so labels are given room).
 * vega and vega-lite are loaded on the first chart only: a run whose report has no chart (a
 * cohort-only run, say) and the processes that import the pipeline never load them.
 */
import type { TopLevelSpec } from 'vega-lite';

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
