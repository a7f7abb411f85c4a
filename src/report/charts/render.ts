/**
 * Vega-Lite specification -> SVG text, in Node: compiled with vega-lite, run by vega's headless
 * View (no renderer, no canvas; text widths are estimated, so labels are given room).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
